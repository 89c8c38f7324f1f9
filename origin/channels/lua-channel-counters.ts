import type { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { decodeReply } from '../redis/decode-reply.js';
import { loadLuaScript, runLuaScript, type RedisEval } from '../redis/lua-script.js';
import { ioredisEval, upstashEval } from '../redis/redis-eval.js';
import { bucketOf, bucketsAt, HEARTS_INTERVAL_MS, VIEWER_BUCKET_MS, VIEWER_BUCKETS, type ChannelCounters, type HeartsResult } from './channel-counters.js';

const dir = new URL('./lua/', import.meta.url);
const scripts = {
  seeViewer: loadLuaScript(dir, 'see-viewer'),
  viewers: loadLuaScript(dir, 'viewers'),
  addHearts: loadLuaScript(dir, 'add-hearts'),
  hearts: loadLuaScript(dir, 'hearts'),
};

const heartsReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accepted') }),
  z.strictObject({ kind: z.literal('rate_limited'), retryAfterMs: z.coerce.number().int().positive() }),
]);

/** A bucket lives past the minute it is counted in, with a margin for clocks a little apart. */
const BUCKET_TTL_MS = (VIEWER_BUCKETS + 1) * VIEWER_BUCKET_MS;

export interface LuaChannelCountersOptions {
  /** Key prefix, so tests and stacks can share a server. */
  prefix?: string;
}

/**
 * Channel counters in Redis: a HyperLogLog per channel per 10 s bucket (PFADD, PFCOUNT over the
 * last six) and an INCRBY total of hearts behind a per-viewer limit, in one script. Every key of a
 * channel carries its `{channelId}` hash tag, so each script touches one cluster slot.
 */
export function createLuaChannelCounters(client: RedisEval, options: LuaChannelCountersOptions = {}): ChannelCounters {
  const base = (channelId: string) => `${options.prefix ?? 'ch'}:{${channelId}}`;
  const bucketKey = (channelId: string, bucket: number) => `${base(channelId)}:v:${bucket}`;
  const toNumber = (reply: unknown): number => Number(reply);
  return {
    async seeViewer(channelId, viewerId, now) {
      await runLuaScript(client, scripts.seeViewer, [bucketKey(channelId, bucketOf(now))], [viewerId, String(BUCKET_TTL_MS)]);
    },
    async addHearts(channelId, viewerId, count, now): Promise<HeartsResult> {
      const keys = [`${base(channelId)}:h`, `${base(channelId)}:hl:${viewerId}`];
      const reply = await runLuaScript(client, scripts.addHearts, keys, [String(count), String(now), String(HEARTS_INTERVAL_MS)]);
      return decodeReply('add-hearts', reply, heartsReplySchema);
    },
    async viewers(channelId, now) {
      const keys = bucketsAt(now).map((bucket) => bucketKey(channelId, bucket));
      return toNumber(await runLuaScript(client, scripts.viewers, keys, []));
    },
    async hearts(channelId) {
      return toNumber(await runLuaScript(client, scripts.hearts, [`${base(channelId)}:h`], []));
    },
  };
}

/** Over Redis TCP (`REDIS_URL`). */
export const createRedisChannelCounters = (redis: Redis, options?: LuaChannelCountersOptions) => createLuaChannelCounters(ioredisEval(redis), options);

/** Over Upstash REST (`UPSTASH_REDIS_REST_URL`); the client needs `automaticDeserialization: false`. */
export const createUpstashChannelCounters = (redis: UpstashRedis, options?: LuaChannelCountersOptions) => createLuaChannelCounters(upstashEval(redis), options);
