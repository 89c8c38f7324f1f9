import { describe } from 'vitest';
import { describeAdmissionQueueContract } from './admission-queue.contract.js';
import { createRedisAdmissionQueue } from './redis-admission-queue.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';

describe.runIf(redisServerAvailable())('ioredis on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeAdmissionQueueContract('ioredis', async () => {
    const { redis } = fixture();
    const queue = createRedisAdmissionQueue(redis, { prefix: `t${(prefix += 1)}` });
    return { queue, wipe: async () => (await redis.flushall(), queue) };
  });
});
