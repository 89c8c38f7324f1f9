import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLuaScript, type LuaScript } from '../redis/lua-script.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { appMetrics, createAppMetrics, toEmf } from './app-metrics.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe('the drop funnel counters', () => {
  it('count joins, admits, bookings and sold-out refusals from the real answers, nothing for refusals', async () => {
    const metrics = createAppMetrics();
    const origin = await createTestOrigin(dynamo);
    origin.deps.metrics = metrics;
    const { app } = (await import('../app.js')).createOriginApp(origin.deps);
    const call = (method: string, path: string, options = {}) => callApp(app, method, path, options);
    const created = await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { items: [{ id: 'slot', label: 'Slot', capacity: 1 }] }) });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    // Two visitors let in, one place: the first books it, the second is told sold out.
    const admitted = async () => {
      const guest = await call('POST', '/api/auth/guest');
      const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
      await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken }); // the same place again: a join answer too
      origin.clock.advance(200);
      const admit = await call('POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
      expect(admit.status).toBe(200);
      return admit.body.accessToken as string;
    };
    const [first, second] = [await admitted(), await admitted()];
    const book = (token: string, key: string) => call('POST', `/api/events/${eventId}/bookings`, { token, body: { itemId: 'slot', quantity: 1 }, headers: { 'idempotency-key': key } });
    expect((await book(first, 'key-one-0001')).status).toBe(201);
    const refused = await book(second, 'key-two-0002');
    expect([refused.status, refused.body.code]).toEqual([409, 'sold_out']);
    await call('POST', `/api/queue/${eventId}/join`, { token: 'forged' });
    expect(metrics.drain()).toEqual({ Joins: 4, Admits: 2, Bookings: 1, SoldOut: 1 });
    expect(metrics.drain()).toEqual({});
  });

  it('count a Redis command that fails, and print as one EMF line CloudWatch reads', async () => {
    appMetrics.drain();
    const failing = { evalsha: async () => Promise.reject(new Error('connect ECONNREFUSED')), eval: async () => Promise.reject(new Error('unreachable')) };
    const script: LuaScript = { name: 't', source: 'return 1', sha: 'x'.repeat(40) };
    await expect(runLuaScript(failing, script, [], [])).rejects.toThrow('ECONNREFUSED');
    const line = toEmf(appMetrics.drain(), 'prod', 1_700_000_000_000);
    expect(JSON.parse(line!)).toEqual({
      _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'Banjjak', Dimensions: [['Stage']], Metrics: [{ Name: 'RedisErrors', Unit: 'Count' }] }] },
      Stage: 'prod',
      RedisErrors: 1,
    });
    expect(toEmf({}, 'prod', 0)).toBeUndefined();
  });
});
