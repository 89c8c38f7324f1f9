import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;

beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  edge = createTestEdge(origin.app, origin.clock, { viewerWritesPerMinute: 3 });
});

const from = (ip: string, body: unknown) => ({ body, headers: { 'x-test-ip': ip } });
const hearts = (ip: string, count = 1) => callApp(edge.app, 'POST', '/api/channels/ch-snack/hearts', from(ip, { count }));
const watch = (ip: string) => callApp(edge.app, 'POST', '/api/channels/ch-snack/watch', from(ip, {}));
const reachingOrigin = () => edge.originRequests.filter((request) => request.startsWith('POST /api/channels/')).length;
const channel = async () => (await callApp(edge.app, 'GET', '/api/channels/ch-snack')).body as { viewers: number; hearts: number };

it('counts each address as its own anonymous viewer, through the edge, in the cached document', async () => {
  expect((await hearts('203.0.113.1', 4)).status).toBe(202);
  expect((await hearts('203.0.113.2', 6)).status).toBe(202);
  // The same address again within 2 s: the origin refuses it per viewer.
  const again = await hearts('203.0.113.1', 9);
  expect([again.status, again.body.code, again.headers.get('retry-after')]).toEqual([429, 'rate_limited', '2']);
  expect((await watch('203.0.113.1')).status).toBe(202);
  expect((await watch('203.0.113.3')).status).toBe(202);
  origin.clock.advance(1_100);
  expect(await channel()).toMatchObject({ viewers: 2, hearts: 10 });
});

it('refuses an address past its budget at the edge: the origin never hears of it', async () => {
  for (const send of [() => hearts('198.51.100.7'), () => watch('198.51.100.7'), () => watch('198.51.100.7')]) expect((await send()).status).toBe(202);
  const before = reachingOrigin();
  const refused = await watch('198.51.100.7');
  expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(reachingOrigin()).toBe(before);
  expect((await watch('198.51.100.8')).status).toBe(202);
  origin.clock.advance(60_000);
  expect((await hearts('198.51.100.7')).status).toBe(202);
});

it('passes QoE beacons to the origin on the same per-address budget, never cached', async () => {
  const beacon = { channelId: 'ch-snack', sessionId: 'edge-session-000000001', startupMs: 700, playedMs: 15_000, rebufferMs: 0, bitrateSwitches: 0 };
  const qoe = (ip: string) => callApp(edge.app, 'POST', '/api/qoe', from(ip, { beacons: [beacon] }));
  const qoeAtOrigin = () => edge.originRequests.filter((request) => request === 'POST /api/qoe').length;
  for (const send of [() => qoe('192.0.2.44'), () => watch('192.0.2.44'), () => qoe('192.0.2.44')]) {
    const answer = await send();
    expect(answer.status).toBe(202);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  }
  expect(qoeAtOrigin()).toBe(2);
  const refused = await qoe('192.0.2.44');
  expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
  expect(qoeAtOrigin()).toBe(2);
  expect((await qoe('192.0.2.45')).status).toBe(202);
  expect(qoeAtOrigin()).toBe(3);
  const summary = await origin.deps.qoe!.summary({ kind: 'channel', id: 'ch-snack' }, origin.clock.now());
  expect([summary.sessions, summary.playedSeconds]).toEqual([1, 45]);
});
