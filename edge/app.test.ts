import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp, type CallResult } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
const eventId = 'drop-edge';

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());

beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  const body = openEvent(origin.clock, { id: eventId, queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 10, sessionSeconds: 600 } });
  expect((await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).status).toBe(201);
  edge = createTestEdge(origin.app, origin.clock, { guestPerMinute: 5 });
});

const call = (method: string, path: string, options = {}) => callApp(edge.app, method, path, options);

/** Runs `action` and returns what reached the origin meanwhile (the one-time key load aside). */
async function originCalls(action: () => Promise<unknown>): Promise<string[]> {
  const before = edge.originRequests.length;
  await action();
  return edge.originRequests.slice(before).filter((call) => call !== 'GET /.well-known/jwks.json');
}

function expectProblem(result: CallResult, status: number, code: string) {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.headers.get('content-type')).toContain('application/problem+json');
}

async function join() {
  const guest = await call('POST', '/api/auth/guest');
  const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
  expect(joined.status).toBe(201);
  return joined.body as { queueToken: string; seq: number };
}

describe('edge: cached state and the queue shield', () => {
  it('serves state to 200 concurrent pollers with one origin fetch per TTL', async () => {
    const calls = await originCalls(async () => {
      const results = await Promise.all(Array.from({ length: 200 }, () => call('GET', `/api/queue/${eventId}/state`)));
      expect(results.every((result) => result.status === 200 && result.body.eventId === eventId)).toBe(true);
    });
    expect(calls).toEqual([`GET /api/queue/${eventId}/state`]);
    origin.clock.advance(500);
    expect(await originCalls(() => call('GET', `/api/queue/${eventId}/state`))).toEqual([]);
    origin.clock.advance(600);
    expect(await originCalls(() => call('GET', `/api/queue/${eventId}/state`))).toHaveLength(1);
  });

  it('computes /status at the edge and refuses early admits without asking the origin', async () => {
    const first = await join();
    const second = await join();
    origin.clock.advance(1_000);
    await call('GET', `/api/queue/${eventId}/state`);
    const calls = await originCalls(async () => {
      const status = await call('GET', `/api/queue/${eventId}/status`, { token: second.queueToken });
      expect(status.body).toMatchObject({ status: 'waiting', position: 1, seq: 2 });
      const again = await call('GET', `/api/queue/${eventId}/status`, { token: second.queueToken });
      expect(again.body.position).toBe(1);
      expectProblem(await call('POST', `/api/queue/${eventId}/admit`, { token: second.queueToken }), 409, 'not_ready');
    });
    expect(calls).toEqual([]);
    const admitted = await call('POST', `/api/queue/${eventId}/admit`, { token: first.queueToken });
    expect(admitted.status).toBe(200);
    const booking = await call('POST', `/api/events/${eventId}/bookings`, {
      token: admitted.body.accessToken,
      headers: { 'idempotency-key': 'edge-key-0001' },
      body: { itemId: 'slot-a' },
    });
    expect(booking.status).toBe(201);
  });

  it('treats a drawing pre-queue as not ready yet at admit (409, Retry-After 1), never as closed', async () => {
    const first = await join();
    origin.clock.advance(1_000);
    let drawing = true;
    const statePath = `/api/queue/${eventId}/state`;
    // The real origin, with its state document reporting the transient draw.
    const drawingOrigin = {
      async request(input: string, init?: RequestInit) {
        const response = await origin.app.request(input, init);
        if (!drawing || input !== statePath || response.status !== 200) return response;
        const state = { ...((await response.json()) as object), status: 'drawing' };
        const headers = { 'content-type': 'application/json', 'cache-control': response.headers.get('cache-control') ?? 'no-store' };
        return new Response(JSON.stringify(state), { status: 200, headers });
      },
    };
    edge = createTestEdge(drawingOrigin, origin.clock);
    expect((await call('GET', statePath)).body.status).toBe('drawing');
    const calls = await originCalls(async () => {
      const admit = await call('POST', `/api/queue/${eventId}/admit`, { token: first.queueToken });
      expectProblem(admit, 409, 'not_ready');
      expect(admit.headers.get('retry-after')).toBe('1');
      expect((await call('GET', `/api/queue/${eventId}/status`, { token: first.queueToken })).body).toMatchObject({ status: 'drawing' });
    });
    expect(calls).toEqual([]);
    drawing = false;
    origin.clock.advance(1_100);
    expect((await call('POST', `/api/queue/${eventId}/admit`, { token: first.queueToken })).status).toBe(200);
  });

  it('verifies a repeated token once, yet still checks its expiry on every poll', async () => {
    const { queueToken } = await join();
    await call('GET', `/api/queue/${eventId}/state`);
    const before = edge.verifications();
    for (let i = 0; i < 5; i += 1) expect((await call('GET', `/api/queue/${eventId}/status`, { token: queueToken })).status).toBe(200);
    expect(edge.verifications() - before).toBe(1);
    // Past `exp` and the 5 s clock tolerance the verifier grants it, cached or not.
    origin.clock.advance(12 * 3600_000 + 6_000);
    expectProblem(await call('GET', `/api/queue/${eventId}/status`, { token: queueToken }), 401, 'invalid_token');
  });

  it('stops forged, wrong-kind and other-event tokens at the edge', async () => {
    const { queueToken } = await join();
    await call('GET', `/api/queue/${eventId}/state`);
    const [header, payload] = queueToken.split('.');
    const calls = await originCalls(async () => {
      expectProblem(await call('GET', `/api/queue/${eventId}/status`, { token: `${header}.${payload}.AAAA` }), 401, 'invalid_token');
      expectProblem(await call('GET', `/api/queue/${eventId}/status`), 401, 'unauthorized');
      expectProblem(await call('GET', '/api/queue/other-event/status', { token: queueToken }), 403, 'wrong_event');
      expectProblem(await call('POST', `/api/events/${eventId}/bookings`, { token: queueToken, body: { itemId: 'slot-a' } }), 403, 'wrong_token_type');
      expectProblem(await call('POST', `/api/events/${eventId}/bookings`, { token: 'x'.repeat(5000), body: { itemId: 'slot-a' } }), 401, 'invalid_token');
      expectProblem(await call('POST', '/api/auth/login', { rawBody: JSON.stringify({ pad: 'x'.repeat(20_000) }), headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
    });
    expect(calls).toEqual([]);
    origin.clock.advance(13 * 3600_000);
    expectProblem(await call('GET', `/api/queue/${eventId}/status`, { token: queueToken }), 401, 'invalid_token');
  });

  it('rate-limits guest identities per IP with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call('POST', '/api/auth/guest', { headers: { 'x-test-ip': '10.0.0.9' } })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await call('POST', '/api/auth/guest', { headers: { 'x-test-ip': '10.0.0.9' } });
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('POST', '/api/auth/guest', { headers: { 'x-test-ip': '10.0.0.10' } })).status).toBe(201);
  });

  it('keeps waiting visitors on stale state when the origin is down, and admits nobody new', async () => {
    const { queueToken } = await join();
    const before = await call('GET', `/api/queue/${eventId}/state`);
    expect((await call('GET', `/api/queue/${eventId}/status`, { token: queueToken })).status).toBe(200);
    edge.setOriginDown(true);
    origin.clock.advance(5_000);
    const stale = await call('GET', `/api/queue/${eventId}/state`);
    expect(stale.body).toEqual(before.body);
    expect((await call('GET', `/api/queue/${eventId}/status`, { token: queueToken })).body).toMatchObject({ status: 'waiting', position: 1 });
    expectProblem(await call('POST', `/api/queue/${eventId}/admit`, { token: queueToken }), 409, 'not_ready');
    origin.clock.advance(60_000);
    expectProblem(await call('GET', `/api/queue/${eventId}/status`, { token: queueToken }), 503, 'origin_unavailable');
    expectProblem(await call('POST', `/api/queue/${eventId}/admit`, { token: queueToken }), 503, 'origin_unavailable');
    expectProblem(await call('POST', '/api/auth/guest'), 503, 'origin_unavailable');
  });

  it('answers 503, not 401, when no signing keys can be loaded', async () => {
    const { queueToken } = await join();
    edge.setOriginDown(true);
    expectProblem(await call('GET', `/api/queue/${eventId}/status`, { token: queueToken }), 503, 'origin_unavailable');
  });
});
