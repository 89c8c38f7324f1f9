import { describe } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { useUpstashBridge } from '../redis/test-support/use-upstash-bridge.js';
import { describeInventoryGateContract } from './inventory-gate.contract.js';
import { createUpstashInventoryGate } from './upstash-inventory-gate.js';

describe.runIf(redisServerAvailable())('@upstash/redis over the REST bridge to a real redis-server', () => {
  const fixture = useRedisServer();
  const upstash = useUpstashBridge(fixture);
  let prefix = 0;
  describeInventoryGateContract('upstash', async () => {
    const gate = createUpstashInventoryGate(upstash(), { prefix: `g${(prefix += 1)}` });
    return { gate, wipe: async () => (await fixture().redis.flushall(), gate) };
  });
});
