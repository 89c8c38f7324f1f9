import { describe } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { useUpstashBridge } from '../redis/test-support/use-upstash-bridge.js';
import { describeAdmissionQueueContract } from './admission-queue.contract.js';
import { createUpstashAdmissionQueue } from './upstash-admission-queue.js';

describe.runIf(redisServerAvailable())('@upstash/redis over the REST bridge to a real redis-server', () => {
  const fixture = useRedisServer();
  const upstash = useUpstashBridge(fixture);
  let prefix = 0;
  describeAdmissionQueueContract('upstash', async () => {
    const queue = createUpstashAdmissionQueue(upstash(), { prefix: `t${(prefix += 1)}` });
    return { queue, wipe: async () => (await fixture().redis.flushall(), queue) };
  });
});
