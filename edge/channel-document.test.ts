import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type ChannelView } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
const CHANNEL = '/api/channels/ch-beauty';
const FEATURED = '/api/admin/channels/ch-beauty/featured';
const admin = { token: TEST_ADMIN_TOKEN };

beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  const items = [
    { id: 'cushion-set', label: 'Cushion', capacity: 5 },
    { id: 'serum-duo', label: 'Serum', capacity: 5 },
  ];
  expect((await callApp(origin.app, 'POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'k-beauty-deal', items }) })).status).toBe(201);
  // The edge's cache runs on the wall clock: the seconds below are real ones.
  edge = createTestEdge(origin.app, systemClock);
});

const call = (method: string, path: string, options = {}) => callApp(edge.app, method, path, options);
const channelReads = () => edge.originRequests.filter((request) => request === `GET ${CHANNEL}`).length;

describe('the channel document through the edge', () => {
  it('sends the operator PUT to the origin, refusals included', async () => {
    const refused = await call('PUT', FEATURED, { ...admin, body: { products: [{ eventId: 'k-beauty-deal', itemId: 'no-such-item' }] } });
    expect([refused.status, refused.body.code, refused.body.fields]).toEqual([400, 'validation_failed', [{ path: 'products.0.itemId', message: 'not an item of event k-beauty-deal' }]]);
    expect((await call('PUT', FEATURED, { body: { products: [] } })).status).toBe(401);
    const put = await call('PUT', FEATURED, { ...admin, body: { products: [{ eventId: 'k-beauty-deal', itemId: 'serum-duo' }] } });
    expect([put.status, put.headers.get('cache-control'), put.body.featured[0].itemId]).toEqual([200, 'no-store', 'serum-duo']);
    expect(edge.originRequests.filter((request) => request === `PUT ${FEATURED}`)).toHaveLength(3);
  });

  it('shows a pin within 2 s of the PUT while a poll storm reaches the origin about once a second', async () => {
    await call('GET', CHANNEL);
    const ledgerReads = vi.spyOn(origin.deps.ledger, 'featured');
    const readsBefore = channelReads();
    const polls: { startedAt: number; answeredAt: number; featured: string[] }[] = [];
    const poll = async () => {
      const startedAt = Date.now();
      const answer = await call('GET', CHANNEL);
      expect(answer.status).toBe(200);
      polls.push({ startedAt, answeredAt: Date.now(), featured: (answer.body as ChannelView).featured.map((pin) => pin.itemId) });
    };
    let putDone = 0;
    const pin = async () => {
      await sleep(300);
      const put = await call('PUT', FEATURED, { ...admin, body: { products: [{ eventId: 'k-beauty-deal', itemId: 'cushion-set' }] } });
      expect(put.status).toBe(200);
      putDone = Date.now();
    };
    const stormStart = Date.now();
    // 300 viewers polling over 3 s, the operator pinning 0.3 s in.
    await Promise.all([pin(), ...Array.from({ length: 300 }, (_, i) => sleep(i * 10).then(poll))]);
    const stormSeconds = (Date.now() - stormStart) / 1000;

    const firstSeen = Math.min(...polls.filter((p) => p.featured.includes('cushion-set')).map((p) => p.answeredAt));
    expect(firstSeen - putDone).toBeLessThanOrEqual(2_000);
    const late = polls.filter((p) => p.startedAt >= putDone + 2_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((p) => p.featured.includes('cushion-set'))).toBe(true);

    const reads = channelReads() - readsBefore;
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(Math.ceil(stormSeconds) + 1);
    expect(ledgerReads).toHaveBeenCalledTimes(reads);
  });
});
