import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { startUpstashRestBridge } from '../redis/test-support/upstash-rest-bridge.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { describeInventoryGateContract } from './inventory-gate.contract.js';
import { createUpstashInventoryGate } from './upstash-inventory-gate.js';

describe.runIf(redisServerAvailable())('@upstash/redis over the REST bridge to a real redis-server', () => {
  const fixture = useRedisServer();
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
  beforeAll(async () => (bridge = await startUpstashRestBridge(fixture().server.url, 'test-token')));
  afterAll(() => bridge.stop());
  let prefix = 0;
  describeInventoryGateContract('upstash', async () => {
    const client = new Redis({ url: bridge.url, token: 'test-token', automaticDeserialization: false, enableTelemetry: false });
    const gate = createUpstashInventoryGate(client, { prefix: `g${(prefix += 1)}` });
    return { gate, wipe: async () => (await fixture().redis.flushall(), gate) };
  });
});
