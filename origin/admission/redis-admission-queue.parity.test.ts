import { describe, expect, it } from 'vitest';
import type { AdmissionQueue, QueueSettings } from './admission-queue.js';
import { createMemoryAdmissionQueue } from './memory-admission-queue.js';
import { createRedisAdmissionQueue } from './redis-admission-queue.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';

// A fixed-seed PRNG (mulberry32): the same walk on every run.
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/**
 * advance.lua must mirror advance-math.ts exactly, fractional intervals included: a random walk of
 * joins, advances, admits and completes runs against Lua and the memory reference side by side,
 * and every answer must be identical.
 */
describe.runIf(redisServerAvailable())('Lua advance parity with advance-math.ts', () => {
  const fixture = useRedisServer();
  const cases: Partial<QueueSettings>[] = [
    { newUsersPerMinute: 7 },
    { newUsersPerMinute: 13, queueAll: true },
    { newUsersPerMinute: 599, maxActiveUsers: 5 },
    { newUsersPerMinute: 997, maxActiveUsers: 40, queueAll: true },
    { newUsersPerMinute: 60_001, maxActiveUsers: 25 },
  ];

  for (const [index, overrides] of cases.entries()) {
    it(`walks ${JSON.stringify(overrides)} in lockstep`, async () => {
      const t0 = Date.parse('2026-12-05T01:00:00Z') + index * 7;
      const settings: QueueSettings = { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 30, queueAll: false, startsAt: t0, ...overrides };
      const lua = createRedisAdmissionQueue(fixture().redis, { prefix: `parity${index}` });
      const reference = createMemoryAdmissionQueue();
      const both = async <T>(run: (queue: AdmissionQueue) => Promise<T>): Promise<T> => {
        const [a, b] = await Promise.all([run(lua), run(reference)]);
        expect(a).toEqual(b);
        return a;
      };
      const next = random(index + 1);
      let now = t0;
      await both((queue) => queue.configure('e', settings));
      for (let step = 0; step < 1_500; step += 1) {
        now += Math.floor(next() * (next() < 0.9 ? 150 : 9_000));
        const roll = next();
        const user = `u${Math.floor(next() * 400)}`;
        const seq = Math.floor(next() * 400);
        const paused = next() < 0.5;
        if (roll < 0.45) await both((queue) => queue.join('e', user, now));
        else if (roll < 0.7) await both((queue) => queue.advance('e', now));
        else if (roll < 0.9) await both((queue) => queue.admit('e', user, seq, now));
        else if (roll < 0.97) await both((queue) => queue.complete('e', user));
        else await both((queue) => queue.setFlags('e', { paused }, now));
      }
      expect((await both((queue) => queue.advance('e', now))).servingSeq).toBeGreaterThan(0);
    });
  }
});
