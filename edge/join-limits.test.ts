import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

// A join without a token mints a guest too (docs/decisions/0010-one-request-join.md): the edge
// spends the guest and the join windows for it, as the two calls it replaces would.

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
const eventId = 'drop-limits';

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());

beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  const body = openEvent(origin.clock, { id: eventId, queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 10, sessionSeconds: 600 } });
  expect((await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).status).toBe(201);
  edge = createTestEdge(origin.app, origin.clock, { guestPerMinute: 3, joinPerMinute: 5, joinPerIdentityPerMinute: 2 });
});

const from = (ip: string, options: { token?: string } = {}) => ({ ...options, headers: { 'x-test-ip': ip } });
const join = (ip: string, token?: string) => callApp(edge.app, 'POST', `/api/queue/${eventId}/join`, from(ip, token === undefined ? {} : { token }));
const guest = (ip: string) => callApp(edge.app, 'POST', '/api/auth/guest', from(ip));
const tailSeq = async () => (await callApp(origin.app, 'GET', `/api/admin/events/${eventId}/stats`, { token: TEST_ADMIN_TOKEN })).body.tailSeq as number;
const joinsReachingOrigin = () => edge.originRequests.filter((request) => request === `POST /api/queue/${eventId}/join`).length;

/** A refused join answers 429 at the edge: the origin never hears of it, so nothing is created. */
async function expectRefusedAtEdge(refusal: () => Promise<{ status: number; body: { code?: string }; headers: Headers }>) {
  const [joins, seq] = [joinsReachingOrigin(), await tailSeq()];
  const refused = await refusal();
  expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect([joinsReachingOrigin(), await tailSeq()]).toEqual([joins, seq]);
}

describe('edge: the limits of a join without a token', () => {
  it('passes the one-request join through, with the guest identity and the first screen', async () => {
    const joined = await join('10.0.1.1');
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ seq: 1, status: 'waiting', position: 1, refreshAfterMs: expect.any(Number), identity: { kind: 'guest' } });
    const polled = await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: joined.body.queueToken });
    expect(polled.body).toMatchObject({ position: 1, status: 'waiting' });
  });

  it('spends the guest window: token-less joins and guest calls count together per IP', async () => {
    expect([(await join('10.0.2.1')).status, (await guest('10.0.2.1')).status, (await join('10.0.2.1')).status]).toEqual([201, 201, 201]);
    await expectRefusedAtEdge(() => join('10.0.2.1'));
    expect((await guest('10.0.2.1')).status).toBe(429);
    // Joins with a token mint nothing and so spend no guest; other addresses have their own window.
    const idToken = (await guest('10.0.2.2')).body.idToken as string;
    expect((await join('10.0.2.1', idToken)).status).toBe(201);
    expect((await join('10.0.2.3')).status).toBe(201);
    origin.clock.advance(60_000);
    expect((await join('10.0.2.1')).status).toBe(201);
  });

  it('spends the join window too, shared with joins that carry a token', async () => {
    const tokens = await Promise.all(['10.0.3.2', '10.0.3.3', '10.0.3.4'].map(async (ip) => (await guest(ip)).body.idToken as string));
    for (const token of tokens) expect((await join('10.0.3.1', token)).status).toBe(201);
    expect([(await join('10.0.3.1')).status, (await join('10.0.3.1')).status]).toEqual([201, 201]);
    // Five joins from this address: the guest window has room, the join window has none.
    await expectRefusedAtEdge(() => join('10.0.3.1'));
    await expectRefusedAtEdge(() => join('10.0.3.1', tokens[0]));
  });

  it('limits one identity across addresses, and a forged copy of its token spends nothing of it', async () => {
    const victim = (await guest('10.0.4.1')).body.idToken as string;
    const [header, payload] = victim.split('.');
    for (let i = 0; i < 3; i += 1) expect((await join(`10.0.4.${10 + i}`, `${header}.${payload}.AAAA`)).status).toBe(401);
    expect([(await join('10.0.4.2', victim)).status, (await join('10.0.4.3', victim)).status]).toEqual([201, 200]);
    await expectRefusedAtEdge(() => join('10.0.4.4', victim));
    const other = (await guest('10.0.4.1')).body.idToken as string;
    expect((await join('10.0.4.4', other)).status).toBe(201);
  });

  it('refuses nothing when rate limits are off (a local rehearsal from one address)', async () => {
    edge = createTestEdge(origin.app, origin.clock, { rateLimits: false, guestPerMinute: 1, joinPerMinute: 1, joinPerIdentityPerMinute: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await join('10.0.5.1')).status);
    expect(statuses).toEqual([201, 201, 201, 201]);
  });
});
