import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdmissionQueue, QueueSettings } from './admission-queue.js';
import { createRedisAdmissionQueue } from './redis-admission-queue.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';

const T0 = Date.parse('2026-12-05T01:00:00Z');
const settings: QueueSettings = { newUsersPerMinute: 600, maxActiveUsers: 100_000, sessionSeconds: 600, queueAll: true, startsAt: T0 };

/** Atomicity with real parallelism: four origin instances, each with its own connection. */
describe.runIf(redisServerAvailable())('Redis admission queue under concurrency', () => {
  const fixture = useRedisServer();
  let connections: Redis[] = [];
  let instances: AdmissionQueue[] = [];
  let event = 0;
  beforeAll(() => {
    connections = Array.from({ length: 4 }, () => new Redis(fixture().server.url, { enableAutoPipelining: true }));
    instances = connections.map((redis) => createRedisAdmissionQueue(redis, { prefix: 'conc' }));
  });
  afterAll(() => connections.forEach((redis) => redis.disconnect()));
  const fresh = async (overrides: Partial<QueueSettings> = {}) => {
    const id = `e${(event += 1)}`;
    await instances[0]!.configure(id, { ...settings, ...overrides });
    return id;
  };
  const on = (index: number) => instances[index % instances.length]!;

  it('gives 1,000 identities exactly 1,000 places, 1..1000, out of 5,000 parallel joins', async () => {
    const id = await fresh();
    const users = Array.from({ length: 1_000 }, (_, i) => `user-${i}`);
    const attempts = Array.from({ length: 5_000 }, (_, i) => users[(i * 7919) % users.length]!);
    const results = await Promise.all(attempts.map((user, i) => on(i).join(id, user, T0).then((result) => ({ user, result }))));
    const seqByUser = new Map<string, Set<number>>();
    for (const { user, result } of results) {
      if (result.kind !== 'placed') throw new Error(`unexpected ${result.kind}`);
      seqByUser.set(user, (seqByUser.get(user) ?? new Set()).add(result.seq));
    }
    expect([...seqByUser.values()].every((seqs) => seqs.size === 1)).toBe(true);
    const seqs = [...seqByUser.values()].map((set) => [...set][0]!).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    expect(results.filter(({ result }) => result.kind === 'placed' && result.created)).toHaveLength(1_000);
    expect((await on(0).advance(id, T0)).tailSeq).toBe(1_000);
  }, 30_000);

  it('admits rate × elapsed with four instances advancing in parallel, not four times it', async () => {
    const id = await fresh();
    await Promise.all(Array.from({ length: 2_000 }, (_, i) => on(i).join(id, `v${i}`, T0)));
    // 60 s of simulated time in 50 ms ticks; each instance's clock is skewed by up to 40 ms.
    for (let tick = 1; tick <= 1_200; tick += 1) {
      await Promise.all(instances.map((queue, index) => queue.advance(id, T0 + tick * 50 - index * 10 - (tick % 5))));
    }
    const { servingSeq } = await on(0).advance(id, T0 + 60_000);
    expect(Math.abs(servingSeq - 600)).toBeLessThanOrEqual(1); // 600/min × 60 s
  }, 30_000);

  it('never lets hundreds of parallel admits exceed maxActiveUsers', async () => {
    const id = await fresh({ maxActiveUsers: 50, newUsersPerMinute: 600_000, queueAll: false });
    for (let i = 1; i <= 400; i += 1) await on(i).join(id, `w${i}`, T0);
    expect((await on(0).advance(id, T0)).servingSeq).toBe(400);
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => on(i).admit(id, `w${i + 1}`, i + 1, T0 + 1)));
    expect(results.filter((result) => result.kind === 'admitted')).toHaveLength(50);
    expect(results.filter((result) => result.kind === 'at_capacity')).toHaveLength(350);
    expect((await on(0).advance(id, T0 + 1)).active).toBe(50);
    expect(await fixture().redis.zcard(`conc:{${id}}:s`)).toBe(50);
  }, 30_000);
});
