import { describe, expect, it } from 'vitest';
import { CAPACITY_CLAIM_MS } from './admission-queue.js';
import { describeAdmissionQueueContract } from './admission-queue.contract.js';
import { admissionScripts } from './admission-scripts.js';
import { admitReplySchema, joinReplySchema, snapshotReplySchema } from './queue-reply.js';
import { createRedisAdmissionQueue } from './redis-admission-queue.js';
import { decodeReply } from '../redis/decode-reply.js';
import { runLuaScript, type LuaScript } from '../redis/lua-script.js';
import { ioredisEval } from '../redis/redis-eval.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';

const T0 = Date.parse('2026-12-05T01:00:00Z');
const settings = { newUsersPerMinute: 600, maxActiveUsers: 10, sessionSeconds: 60, queueAll: true, startsAt: T0 };

describe.runIf(redisServerAvailable())('ioredis on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeAdmissionQueueContract('ioredis', async () => {
    const { redis } = fixture();
    const queue = createRedisAdmissionQueue(redis, { prefix: `t${(prefix += 1)}` });
    return { queue, wipe: async () => (await redis.flushall(), queue) };
  });

  it('peek writes nothing: rdb_changes_since_last_save does not grow across peeks', async () => {
    const { redis } = fixture();
    const queue = createRedisAdmissionQueue(redis, { prefix: 'peek-writes' });
    const changes = async () => Number(/rdb_changes_since_last_save:(\d+)/.exec(await redis.info('persistence'))?.[1]);
    await queue.configure('e', settings);
    for (let i = 1; i <= 30; i += 1) await queue.join('e', `u${i}`, T0);
    expect((await queue.admit('e', 'gone', 0, T0)).kind).toBe('admitted');
    const before = await changes();
    expect(Number.isFinite(before)).toBe(true);
    for (const at of [T0 + 500, T0 + 61_000, T0 + 120_000]) expect((await queue.peek('e', at)).exists).toBe(true);
    await queue.peek('unknown', T0);
    expect(await changes()).toBe(before);
    // The counter does see writes: an advance past the expired session moves it.
    await queue.advance('e', T0 + 61_000);
    expect(await changes()).toBeGreaterThan(before);
  });

  it("each script's real reply parses with its schema, by name", async () => {
    const { redis } = fixture();
    const client = ioredisEval(redis);
    const k = { meta: 'r:{e}:m', places: 'r:{e}:q', sessions: 'r:{e}:s', prequeue: 'r:{e}:p', claims: 'r:{e}:w', asked: 'r:{e}:wt' };
    const run = (script: LuaScript, keys: string[], args: (string | number)[]) => runLuaScript(client, script, keys, args.map(String));
    const join = (user: string, now: number) => run(admissionScripts.join, [k.meta, k.places, k.sessions, k.prequeue], [user, now]);
    const admit = (user: string, seq: number, now: number) => run(admissionScripts.admit, [k.meta, k.sessions, k.claims, k.asked], [user, seq, now, CAPACITY_CLAIM_MS]);
    const read = (script: LuaScript, now: number) => run(script, [k.meta, k.sessions, k.prequeue], [now]);
    const joined = async (user: string, now: number) => decodeReply('join', await join(user, now), joinReplySchema);
    const admitted = async (user: string, seq: number, now: number) => decodeReply('admit', await admit(user, seq, now), admitReplySchema);

    expect(await joined('a', T0)).toEqual({ kind: 'missing' });
    expect(await admitted('a', 1, T0)).toEqual({ kind: 'closed' });
    for (const script of [admissionScripts.advance, admissionScripts.peek]) {
      expect(decodeReply(script.name, await read(script, T0), snapshotReplySchema)).toEqual({ exists: 0 });
    }
    await createRedisAdmissionQueue(redis, { prefix: 'r' }).configure('e', { ...settings, startsAt: T0 + 1_000 });
    expect(await joined('a', T0)).toEqual({ kind: 'prequeued', created: true, servingSeq: 0, tailSeq: 0, soldout: false });
    expect(await joined('b', T0 + 1_000)).toEqual({ kind: 'draw_pending' });
    await redis.del(k.prequeue);
    expect(await joined('b', T0 + 1_000)).toEqual({ kind: 'placed', seq: 1, created: true, servingSeq: 0, tailSeq: 1, soldout: false });
    expect(await joined('b', T0 + 1_000)).toEqual({ kind: 'placed', seq: 1, created: false, servingSeq: 0, tailSeq: 1, soldout: false });
    expect(await admitted('b', 1, T0 + 1_000)).toEqual({ kind: 'not_ready', servingSeq: 0 });
    expect(await admitted('b', 1, T0 + 1_100)).toEqual({ kind: 'admitted', expiresAt: T0 + 61_100, renewed: false });
    expect(await admitted('b', 1, T0 + 1_200)).toEqual({ kind: 'admitted', expiresAt: T0 + 61_100, renewed: true });
    for (const script of [admissionScripts.advance, admissionScripts.peek]) {
      expect(decodeReply(script.name, await read(script, T0 + 1_200), snapshotReplySchema)).toMatchObject({ exists: 1, tailSeq: 1, servingSeq: 1, active: 1 });
    }
    await redis.hset(k.meta, 'r', 1);
    expect(await joined('c', T0 + 1_200)).toEqual({ kind: 'reserve_needed', tailSeq: 1 });
    await redis.hset(k.meta, 'o', 1);
    expect(await joined('c', T0 + 1_200)).toEqual({ kind: 'soldout' });
    expect(await admitted('b', 1, T0 + 1_200)).toEqual({ kind: 'soldout' });
  });
});
