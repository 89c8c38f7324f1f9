import { describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { useUpstashBridge } from '../redis/test-support/use-upstash-bridge.js';
import { createRedisReplayPlays, createUpstashReplayPlays } from './lua-replay-plays.js';
import { PLAY_WINDOW_MS } from './replay-plays.js';
import { describeReplayPlaysContract } from './replay-plays.contract.js';

describe.runIf(redisServerAvailable())('replay plays on a real redis-server', () => {
  const fixture = useRedisServer();
  const upstash = useUpstashBridge(fixture);
  let prefix = 0;
  describeReplayPlaysContract('ioredis', async () => createRedisReplayPlays(fixture().redis, { prefix: `p${(prefix += 1)}` }));
  describeReplayPlaysContract('upstash', async () => createUpstashReplayPlays(upstash(), { prefix: `q${(prefix += 1)}` }));

  it('keeps every key in one hash slot and lets the viewer windows expire', async () => {
    const { redis } = fixture();
    const plays = createRedisReplayPlays(redis, { prefix: 'slot' });
    await plays.countPlay('rp-x', 'ana', 25_000);
    expect((await redis.keys('slot:*')).sort()).toEqual(['slot:{plays}:pending', 'slot:{plays}:seen:rp-x:ana']);
    expect(await redis.pttl('slot:{plays}:seen:rp-x:ana')).toBeGreaterThan(PLAY_WINDOW_MS - 60_000);
    expect(await redis.pttl('slot:{plays}:seen:rp-x:ana')).toBeLessThanOrEqual(PLAY_WINDOW_MS);
    await plays.takePending();
    expect(await redis.exists('slot:{plays}:pending')).toBe(0);
  });
});
