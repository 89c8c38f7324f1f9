import { describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { useUpstashBridge } from '../redis/test-support/use-upstash-bridge.js';
import { describeChannelCountersContract } from './channel-counters.contract.js';
import { createRedisChannelCounters, createUpstashChannelCounters } from './lua-channel-counters.js';

describe.runIf(redisServerAvailable())('channel counters on a real redis-server', () => {
  const fixture = useRedisServer();
  const upstash = useUpstashBridge(fixture);
  let prefix = 0;
  describeChannelCountersContract('ioredis', async () => createRedisChannelCounters(fixture().redis, { prefix: `c${(prefix += 1)}` }));
  describeChannelCountersContract('upstash', async () => createUpstashChannelCounters(upstash(), { prefix: `u${(prefix += 1)}` }));

  it('keeps each channel in one hash slot and lets its keys expire', async () => {
    const { redis } = fixture();
    const counters = createRedisChannelCounters(redis, { prefix: 'slot' });
    await counters.seeViewer('ch-x', 'ana', 25_000);
    await counters.addHearts('ch-x', 'ana', 3, 25_000);
    const keys = (await redis.keys('slot:*')).sort();
    expect(keys).toEqual(['slot:{ch-x}:h', 'slot:{ch-x}:hl:ana', 'slot:{ch-x}:v:2']);
    expect(await redis.pttl('slot:{ch-x}:v:2')).toBeGreaterThan(60_000);
    expect(await redis.pttl('slot:{ch-x}:v:2')).toBeLessThanOrEqual(70_000);
    expect(await redis.pttl('slot:{ch-x}:hl:ana')).toBeLessThanOrEqual(2_000);
    expect(await redis.pfcount('slot:{ch-x}:v:2')).toBe(1);
  });
});
