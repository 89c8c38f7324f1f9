import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJwksCache, type RequestLine } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createEdgeApp } from './app.js';
import { defaultEdgeSettings } from './deps.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const eventId = 'drop-request-id';
let dynamo: TestDynamo;
let origin: TestOrigin;

beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  expect((await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { id: eventId }) })).status).toBe(201);
});

/** The edge in front of the in-process origin, recording the request id each origin request carried. */
function edgeWithObserver() {
  const reached: { path: string; requestId: string | null }[] = [];
  const lines: RequestLine[] = [];
  const faults: { requestId: string | undefined; error: unknown }[] = [];
  let down = false;
  const originFetch = async (path: string, init: RequestInit) => {
    reached.push({ path, requestId: new Headers(init.headers).get('x-request-id') });
    if (down) throw new TypeError('fetch failed');
    return origin.app.request(path, init);
  };
  const jwks = createJwksCache({ clock: origin.clock, load: async () => (await (await origin.app.request('/.well-known/jwks.json')).json()) as never });
  const app = createEdgeApp({
    clock: origin.clock,
    origin: originFetch,
    jwks,
    settings: { ...defaultEdgeSettings, rateLimits: false },
    observe: { request: (line) => lines.push(line), fault: (requestId, error) => faults.push({ requestId, error }) },
  });
  return { app, reached, lines, faults, takeDown: () => (down = true) };
}

describe('the edge request id', { timeout: 20_000 }, () => {
  it('keeps a well-formed id, answers with it and sends it to the origin on a forward', async () => {
    const edge = edgeWithObserver();
    const guest = await callApp(edge.app, 'POST', '/api/auth/guest', { headers: { 'x-request-id': 'client-chosen-1' } });
    expect(guest.status).toBe(201);
    expect(guest.headers.get('x-request-id')).toBe('client-chosen-1');
    expect(edge.reached).toEqual([{ path: '/api/auth/guest', requestId: 'client-chosen-1' }]);
    expect(edge.lines).toEqual([{ requestId: 'client-chosen-1', method: 'POST', route: '/api/auth/guest', status: 201, ms: expect.any(Number) }]);
  });

  it('replaces a malformed id with a fresh one, the same on the answer and on the cached reads it fills', async () => {
    const edge = edgeWithObserver();
    const event = await callApp(edge.app, 'GET', `/api/events/${eventId}`, { headers: { 'x-request-id': 'x'.repeat(65) } });
    const state = await callApp(edge.app, 'GET', `/api/queue/${eventId}/state`, { headers: { 'x-request-id': 'bad\tid' } });
    const ids = [event.headers.get('x-request-id'), state.headers.get('x-request-id')];
    expect(ids.every((id) => UUID.test(id ?? ''))).toBe(true);
    expect(ids[0]).not.toBe(ids[1]);
    expect(edge.reached).toEqual([
      { path: `/api/events/${eventId}`, requestId: ids[0] },
      { path: `/api/queue/${eventId}/state`, requestId: ids[1] },
    ]);
    expect(edge.lines.map((line) => [line.route, line.requestId])).toEqual([
      ['/api/events/:eventId', ids[0]],
      ['/api/queue/:eventId/state', ids[1]],
    ]);
  });

  it('answers its own refusals with the id too, and reports a fault with the id of the request it broke', async () => {
    const edge = edgeWithObserver();
    const refused = await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: 'forged', headers: { 'x-request-id': 'refused-1' } });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([401, 'refused-1']);
    edge.takeDown();
    const failed = await callApp(edge.app, 'POST', '/api/auth/guest', { headers: { 'x-request-id': 'origin-down-1' } });
    expect([failed.status, failed.body.code, failed.headers.get('x-request-id')]).toEqual([503, 'origin_unavailable', 'origin-down-1']);
    expect(edge.faults).toEqual([{ requestId: 'origin-down-1', error: expect.objectContaining({ code: 'origin_unavailable' }) }]);
    expect(edge.faults.map((fault) => fault.requestId)).not.toContain('refused-1');
  });
});
