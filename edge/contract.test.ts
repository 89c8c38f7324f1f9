import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, contract, problemSchema } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;

beforeAll(async () => {
  dynamo = await startDynalite();
  origin = await createTestOrigin(dynamo);
  edge = createTestEdge(origin.app, origin.clock);
});
afterAll(async () => dynamo.close());

/** Calls the edge and checks the answer against the schema the contract declares for it. */
async function conforming(method: string, path: string, template: string, options: Parameters<typeof callApp>[3] = {}) {
  const result = await callApp(edge.app, method, path, options);
  const op = contract.find((candidate) => candidate.method === method.toLowerCase() && candidate.path === template);
  expect(op, `${method} ${template} is in the contract`).toBeDefined();
  const declared = op!.responses[result.status];
  expect(declared, `${method} ${template} declares ${result.status}`).toBeDefined();
  const schema = result.status >= 400 ? problemSchema : declared![1];
  if (schema) schema.parse(result.body);
  return result;
}

describe('the public contract: OpenAPI and real answers agree', () => {
  it('publishes every operation of the contract as OpenAPI 3.1 and a docs page', async () => {
    const document = await callApp(edge.app, 'GET', '/api/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    for (const op of contract) {
      expect(document.body.paths[op.path.replace(/:(\w+)/g, '{$1}')][op.method]).toBeDefined();
    }
    expect(document.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(document.body.paths['/api/queue/{eventId}/join'].post.security).toEqual([{ idToken: [] }, {}]);
    const page = await callApp(edge.app, 'GET', '/api/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('/api/queue/:eventId/admit');
  });

  it('answers every step of a visit with the declared schema', async () => {
    const admin = { token: TEST_ADMIN_TOKEN };
    await conforming('POST', '/api/admin/events', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'drop-c' }) });
    await conforming('GET', '/api/catalog', '/api/catalog');
    await conforming('GET', '/api/events/drop-c', '/api/events/:eventId');
    await conforming('GET', '/api/events/nope', '/api/events/:eventId');
    await conforming('GET', '/api/channels/ch-beauty', '/api/channels/:channelId');
    const pinned = await conforming('PUT', '/api/admin/channels/ch-beauty/featured', '/api/admin/channels/:channelId/featured', { ...admin, body: { products: [{ eventId: 'drop-c', itemId: 'slot-a' }] } });
    expect(pinned.body.featured).toEqual([{ eventId: 'drop-c', itemId: 'slot-a', pinnedAt: new Date(origin.clock.now()).toISOString() }]);
    await conforming('PUT', '/api/admin/channels/ch-beauty/featured', '/api/admin/channels/:channelId/featured', { ...admin, body: { products: [{ eventId: 'drop-c', itemId: 'slot-z' }] } });
    await conforming('PUT', '/api/admin/channels/nope/featured', '/api/admin/channels/:channelId/featured', { ...admin, body: { products: [] } });
    const beacon = { channelId: 'ch-beauty', sessionId: 'contract-session-0001', startupMs: 1_200, playedMs: 15_000, rebufferMs: 400, bitrateSwitches: 1, errors: [{ code: 'bufferStalledError', fatal: false }] };
    expect((await conforming('POST', '/api/qoe', '/api/qoe', { body: { beacons: [beacon] } })).status).toBe(202);
    await conforming('POST', '/api/qoe', '/api/qoe', { body: { beacons: [] } });
    await conforming('POST', '/api/qoe', '/api/qoe', { body: { beacons: [{ ...beacon, channelId: 'nope' }] } });
    const qoe = await conforming('GET', '/api/admin/channels/ch-beauty/qoe', '/api/admin/channels/:channelId/qoe', admin);
    expect(qoe.body).toMatchObject({ channelId: 'ch-beauty', sessions: 1, playedSeconds: 15 });
    await conforming('GET', '/api/admin/channels/nope/qoe', '/api/admin/channels/:channelId/qoe', admin);
    const guest = await conforming('POST', '/api/auth/guest', '/api/auth/guest');
    const joined = await conforming('POST', '/api/queue/drop-c/join', '/api/queue/:eventId/join', { token: guest.body.idToken });
    await conforming('GET', '/api/queue/drop-c/state', '/api/queue/:eventId/state');
    // Without a token: a new guest placed in the same request, its identity in the answer.
    const arrived = await conforming('POST', '/api/queue/drop-c/join', '/api/queue/:eventId/join');
    expect([arrived.status, arrived.body.identity?.kind]).toEqual([201, 'guest']);
    origin.clock.advance(1_500);
    await conforming('GET', '/api/queue/drop-c/status', '/api/queue/:eventId/status', { token: joined.body.queueToken });
    const admitted = await conforming('POST', '/api/queue/drop-c/admit', '/api/queue/:eventId/admit', { token: joined.body.queueToken });
    const booking = { token: admitted.body.accessToken, headers: { 'idempotency-key': 'contract-key-1' }, body: { itemId: 'slot-b', quantity: 2 } };
    const booked = await conforming('POST', '/api/events/drop-c/bookings', '/api/events/:eventId/bookings', booking);
    expect(booked.status).toBe(201);
    await conforming('POST', '/api/events/drop-c/bookings', '/api/events/:eventId/bookings', { ...booking, body: { itemId: 'slot-b', quantity: 3 } });
    await conforming('GET', '/api/me/bookings', '/api/me/bookings', { token: guest.body.idToken });
    await conforming('GET', '/api/admin/events/drop-c/stats', '/api/admin/events/:eventId/stats', admin);
    await conforming('GET', '/api/admin/events/drop-c/bookings', '/api/admin/events/:eventId/bookings', admin);
    await conforming('PATCH', '/api/admin/events/drop-c', '/api/admin/events/:eventId', { ...admin, body: { paused: true } });
    const listed = await conforming('GET', '/api/admin/events?limit=5', '/api/admin/events', admin);
    expect(listed.body.events.find((event: { id: string }) => event.id === 'drop-c')).toMatchObject({ status: 'paused', stats: { booked: 2 } });
    expect((await conforming('GET', '/api/admin/events?status=nope', '/api/admin/events', admin)).status).toBe(400);
    await conforming('DELETE', `/api/bookings/${booked.body.booking.id}`, '/api/bookings/:bookingId', { token: guest.body.idToken });
  });
});
