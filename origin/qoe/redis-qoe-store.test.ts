import { describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { useUpstashBridge } from '../redis/test-support/use-upstash-bridge.js';
import { createRedisQoeStore, createUpstashQoeStore } from './lua-qoe-store.js';
import { describeQoeStoreContract } from './qoe-store.contract.js';

describe.runIf(redisServerAvailable())('QoE store on a real redis-server', () => {
  const fixture = useRedisServer();
  const upstash = useUpstashBridge(fixture);
  let prefix = 0;
  describeQoeStoreContract('ioredis', async () => createRedisQoeStore(fixture().redis, { prefix: `q${(prefix += 1)}` }));
  describeQoeStoreContract('upstash', async () => createUpstashQoeStore(upstash(), { prefix: `u${(prefix += 1)}` }));

  it('keeps a target in one hash slot, its startup samples as bucket fields, and lets its keys expire', async () => {
    const { redis } = fixture();
    const store = createRedisQoeStore(redis, { prefix: 'slot' });
    const beacon = { channelId: 'ch-x', sessionId: 'session-0000000001', startupMs: 1_000, playedMs: 15_000, rebufferMs: 0, bitrateSwitches: 1, errors: [{ code: 'e1', fatal: false }] };
    await store.record([beacon], 125_000);
    const keys = (await redis.keys('slot:*')).sort();
    expect(keys).toEqual(['slot:{c:ch-x}:2:e', 'slot:{c:ch-x}:2:f', 'slot:{c:ch-x}:2:s']);
    // 1,000 ms falls in bucket 1 + floor(log(100) / log(1.1)) = 49.
    expect(await redis.hgetall('slot:{c:ch-x}:2:f')).toEqual({ playedMs: '15000', bitrateSwitches: '1', errors: '1', 's:49': '1' });
    for (const key of keys) {
      expect(await redis.pttl(key)).toBeGreaterThan(600_000);
      expect(await redis.pttl(key)).toBeLessThanOrEqual(660_000);
    }
  });
});
