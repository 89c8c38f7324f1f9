import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOriginApp } from '../app.js';
import type { InventoryGate } from '../inventory/inventory-gate.js';
import { log } from '../logging/log.js';
import { createReconcilePass } from '../reconcile/start-reconciler.js';
import { runLuaScript, type LuaScript } from '../redis/lua-script.js';
import { callApp, type CallResult } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { countDynamoErrors } from './count-dynamo-errors.js';
import { createOriginMetrics, originMetrics, type OriginMetrics } from './origin-metrics.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** The value of one series, read back from the registry as a scraper would get it. */
async function valueOf(metrics: OriginMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  const matching = values.filter((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted));
  return matching.reduce((sum, value) => sum + value.value, 0);
}

async function originWithMetrics(): Promise<{ origin: TestOrigin; metrics: OriginMetrics; call: (method: string, path: string, options?: object) => Promise<CallResult> }> {
  const origin = await createTestOrigin(dynamo);
  const metrics = createOriginMetrics({ now: () => origin.clock.now() });
  origin.deps.metrics = metrics;
  const { app } = createOriginApp(origin.deps);
  return { origin, metrics, call: (method, path, options = {}) => callApp(app, method, path, options) };
}

// Each case starts a real origin on dynalite; on a busy machine that alone can take seconds.
describe('the origin registry', { timeout: 20_000 }, () => {
  it('counts joins, admits, bookings by outcome and sold-out answers from the real answers, nothing for refusals', async () => {
    const { origin, metrics, call } = await originWithMetrics();
    const created = await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { items: [{ id: 'slot', label: 'Slot', capacity: 1 }] }) });
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
    expect((await book(first, 'key-one-0001')).status).toBe(200);
    const refused = await book(second, 'key-two-0002');
    expect([refused.status, refused.body.code]).toEqual([409, 'sold_out']);
    await call('POST', `/api/queue/${eventId}/join`, { token: 'forged' });
    expect({
      joins: await valueOf(metrics, 'banjjak_joins_total'),
      admits: await valueOf(metrics, 'banjjak_admits_total'),
      created: await valueOf(metrics, 'banjjak_bookings_total', { outcome: 'created' }),
      replayed: await valueOf(metrics, 'banjjak_bookings_total', { outcome: 'replayed' }),
      soldOutBookings: await valueOf(metrics, 'banjjak_bookings_total', { outcome: 'sold_out' }),
      soldOut: await valueOf(metrics, 'banjjak_sold_out_total'),
    }).toEqual({ joins: 4, admits: 2, created: 1, replayed: 1, soldOutBookings: 1, soldOut: 1 });
  });

  it('counts every answer by route pattern and status, with its latency, 404s of unknown paths included', async () => {
    const { metrics, call } = await originWithMetrics();
    expect((await call('GET', '/api/events/no-such-event')).status).toBe(404);
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect((await call('GET', '/api/events/bad%20id')).status).toBe(404);
    expect(await valueOf(metrics, 'banjjak_http_requests_total', { route: '/api/events/:eventId', status: '404', method: 'GET' })).toBe(1);
    expect(await valueOf(metrics, 'banjjak_http_requests_total', { route: '/api/health', status: '200' })).toBe(1);
    expect(await valueOf(metrics, 'banjjak_http_requests_total', { status: '404' })).toBe(2);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/banjjak_http_request_duration_seconds_count\{[^}]*route="\/api\/health"[^}]*\} 1\n/);
    expect(text).not.toContain('no-such-event');
  });

  it('counts HLS files served by channel, rendition and kind, and nothing for files that do not exist', async () => {
    const { metrics, call } = await originWithMetrics();
    for (const path of ['/hls/ch-beauty/master.m3u8', '/hls/ch-beauty/240p/index.m3u8', '/hls/ch-beauty/240p/index.m3u8', '/hls/ch-beauty/360p/seg1.ts', '/hls/ch-snack/240p/seg0.ts']) {
      expect((await call('GET', path)).status, path).toBe(200);
    }
    for (const path of ['/hls/ch-beauty/720p/index.m3u8', '/hls/ch-beauty/240p/seg9.ts', '/hls/nope/master.m3u8']) expect((await call('GET', path)).status, path).toBe(404);
    const hls = (labels: Record<string, string>) => valueOf(metrics, 'banjjak_hls_requests_total', labels);
    expect(await hls({ channel: 'ch-beauty', rendition: 'master', kind: 'master' })).toBe(1);
    expect(await hls({ channel: 'ch-beauty', rendition: '240p', kind: 'playlist' })).toBe(2);
    expect(await hls({ channel: 'ch-beauty', rendition: '360p', kind: 'segment' })).toBe(1);
    expect(await hls({ channel: 'ch-snack', rendition: '240p', kind: 'segment' })).toBe(1);
    expect(await hls({})).toBe(5);
  });

  it('shows each queue as deep as its last read found it', async () => {
    const { origin, metrics, call } = await originWithMetrics();
    const body = openEvent(origin.clock, { queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 10, sessionSeconds: 600 } });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    for (let i = 0; i < 3; i += 1) expect((await call('POST', `/api/queue/${eventId}/join`)).status).toBe(201);
    const state = await call('GET', `/api/queue/${eventId}/state`);
    const waiting = state.body.tailSeq - state.body.servingSeq;
    expect(waiting).toBeGreaterThan(0);
    expect(await valueOf(metrics, 'banjjak_queue_depth', { event: eventId })).toBe(waiting);
  });

  it('reports the time since the last reconcile pass that settled every event', async () => {
    const { origin, metrics, call } = await originWithMetrics();
    await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock) });
    origin.clock.advance(5_000);
    expect(await valueOf(metrics, 'banjjak_reconcile_lag_seconds')).toBe(5);
    await createReconcilePass({ ...origin.deps, metrics }).run();
    origin.clock.advance(3_000);
    expect(await valueOf(metrics, 'banjjak_reconcile_lag_seconds')).toBe(3);
    // A pass that fails an event (its gate unreachable) is no success: the lag keeps growing.
    const down = Object.fromEntries(Object.keys(origin.deps.gate).map((name) => [name, () => Promise.reject(new Error('gate unreachable'))])) as unknown as InventoryGate;
    const level = log.level;
    log.level = 'silent';
    const report = await createReconcilePass({ ...origin.deps, gate: down, metrics }).run().finally(() => (log.level = level));
    expect(report?.failed.length).toBeGreaterThan(0);
    origin.clock.advance(1_000);
    expect(await valueOf(metrics, 'banjjak_reconcile_lag_seconds')).toBe(4);
  });

  it('counts failed DynamoDB requests, not conditional writes refused', async () => {
    const metrics = createOriginMetrics();
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    countDynamoErrors(client, metrics);
    const TableName = `m-${Date.now()}`;
    await client.send(new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const put = () => client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' }));
    await put();
    await expect(put()).rejects.toThrow(/conditional/i);
    expect(await valueOf(metrics, 'banjjak_store_errors_total', { store: 'dynamodb' })).toBe(0);
    await expect(client.send(new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: 'a' } } }))).rejects.toThrow();
    expect(await valueOf(metrics, 'banjjak_store_errors_total', { store: 'dynamodb' })).toBe(1);
    client.destroy();
  });

  it('counts a Redis command that fails', async () => {
    const before = await valueOf(originMetrics, 'banjjak_store_errors_total', { store: 'redis' });
    const failing = { evalsha: async () => Promise.reject(new Error('connect ECONNREFUSED')), eval: async () => Promise.reject(new Error('unreachable')) };
    const script: LuaScript = { name: 't', source: 'return 1', sha: 'x'.repeat(40) };
    await expect(runLuaScript(failing, script, [], [])).rejects.toThrow('ECONNREFUSED');
    expect(await valueOf(originMetrics, 'banjjak_store_errors_total', { store: 'redis' })).toBe(before + 1);
  });
});
