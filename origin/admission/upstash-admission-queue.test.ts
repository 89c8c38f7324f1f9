import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeAdmissionQueueContract } from './admission-queue.contract.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { startUpstashRestBridge } from '../redis/test-support/upstash-rest-bridge.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { createUpstashAdmissionQueue } from './upstash-admission-queue.js';

describe.runIf(redisServerAvailable())('@upstash/redis over the REST bridge to a real redis-server', () => {
  const fixture = useRedisServer();
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
  beforeAll(async () => (bridge = await startUpstashRestBridge(fixture().server.url, 'test-token')));
  afterAll(() => bridge.stop());
  let prefix = 0;
  describeAdmissionQueueContract('upstash', async () => {
    const client = new Redis({ url: bridge.url, token: 'test-token', automaticDeserialization: false, enableTelemetry: false });
    const queue = createUpstashAdmissionQueue(client, { prefix: `t${(prefix += 1)}` });
    return { queue, wipe: async () => (await fixture().redis.flushall(), queue) };
  });
});
