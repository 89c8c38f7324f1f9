import { describe } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { describeInventoryGateContract } from './inventory-gate.contract.js';
import { createRedisInventoryGate } from './redis-inventory-gate.js';

describe.runIf(redisServerAvailable())('ioredis on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeInventoryGateContract('ioredis', async () => {
    const { redis } = fixture();
    // A small chunk makes the large-event rebuild stage in many pieces.
    const gate = createRedisInventoryGate(redis, { prefix: `g${(prefix += 1)}`, loadChunk: 200 });
    return { gate, wipe: async () => (await redis.flushall(), gate) };
  });
});
