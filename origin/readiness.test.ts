import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAdmissionQueue } from './admission/redis-admission-queue.js';
import { createRedisInventoryGate } from './inventory/redis-inventory-gate.js';
import { redisServerAvailable, startRedisServer } from './redis/test-support/redis-server.js';
import { callApp } from './test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from './test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from './test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe.runIf(redisServerAvailable())('GET /api/ready on real Redis and dynalite', () => {
  it('is ready when both answer and every gate on sale is loaded; 503 naming what failed otherwise', async () => {
    const server = await startRedisServer();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: false });
    try {
      const origin = await createTestOrigin(dynamo, { queue: createRedisAdmissionQueue(redis), gate: createRedisInventoryGate(redis) });
      const ready = () => callApp(origin.app, 'GET', '/api/ready');
      expect((await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { id: 'drop-ready' }) })).status).toBe(201);
      expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready', checks: { redis: 'ok', dynamodb: 'ok', gates: 'ok' } } });

      // The gate lost (a wipe): not ready until the upkeep rebuilds it.
      await redis.flushall();
      const wiped = await ready();
      expect([wiped.status, wiped.body.code, wiped.body.checks]).toEqual([503, 'origin_unavailable', { redis: 'ok', dynamodb: 'ok', gates: 'failed' }]);
      await origin.events.tick((await origin.deps.ledger.getEvent('drop-ready'))!);
      expect((await ready()).status).toBe(200);

      await server.stop();
      const down = await ready();
      expect([down.status, down.body.checks.redis, down.headers.get('retry-after')]).toEqual([503, 'failed', '5']);
    } finally {
      redis.disconnect();
      await server.stop().catch(() => undefined);
    }
  });
});
