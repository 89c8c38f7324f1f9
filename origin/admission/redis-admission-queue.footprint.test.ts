import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { AdmissionQueue } from './admission-queue.js';
import { createRedisAdmissionQueue } from './redis-admission-queue.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';

const JOINS = 100_000;
const BUDGET_BYTES = 120;
const T0 = Date.parse('2026-12-05T01:00:00Z');

// Shaped like origin/ids.ts guest ids (28 characters), so the measure matches production keys.
const guestId = (i: number) => `guest_${(T0 + i).toString(36)}${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x')}`;

/** docs/admission-footprint.md: Redis memory per waiting visitor after 100,000 joins. */
describe.runIf(redisServerAvailable())('Redis footprint of the admission queue', () => {
  const fixture = useRedisServer();

  const usage = async (event: string): Promise<{ perVisitor: number; keys: Record<string, number> }> => {
    const { redis } = fixture();
    const keys: Record<string, number> = {};
    for (const key of await redis.keys(`fp:{${event}}:*`)) keys[key] = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    return { perVisitor: Object.values(keys).reduce((sum, bytes) => sum + bytes, 0) / JOINS, keys };
  };

  it(`keeps a pre-queue registrant, then a waiting visitor, under ${BUDGET_BYTES} bytes`, async () => {
    const connections = Array.from({ length: 4 }, () => new Redis(fixture().server.url, { enableAutoPipelining: true }));
    const queues: AdmissionQueue[] = connections.map((redis) => createRedisAdmissionQueue(redis, { prefix: 'fp' }));
    const event = 'footprint';
    try {
      await queues[0]!.configure(event, { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 600, queueAll: false, startsAt: T0 + 60_000 });
      for (let i = 0; i < JOINS; i += 2_000) {
        await Promise.all(Array.from({ length: 2_000 }, (_, j) => queues[j % 4]!.join(event, guestId(i + j), T0)));
      }
      const registered = await usage(event);
      console.info(`pre-queue: ${registered.perVisitor.toFixed(1)} B/registrant`, registered.keys);
      expect(registered.perVisitor).toBeLessThanOrEqual(BUDGET_BYTES);

      // The draw gives all 100,000 their places (and exercises a draw staged in many chunks).
      expect(await queues[0]!.draw(event, await queues[0]!.prequeueMembers(event))).toBe(true);
      const waiting = await usage(event);
      console.info(`waiting: ${waiting.perVisitor.toFixed(1)} B/visitor`, waiting.keys);
      expect(waiting.perVisitor).toBeLessThanOrEqual(BUDGET_BYTES);
      expect(Object.keys(waiting.keys).sort()).toEqual(['fp:{footprint}:m', 'fp:{footprint}:q']); // nothing else per visitor
      expect((await queues[1]!.advance(event, T0 + 60_000)).tailSeq).toBe(JOINS);
    } finally {
      connections.forEach((redis) => redis.disconnect());
    }
  }, 90_000);
});
