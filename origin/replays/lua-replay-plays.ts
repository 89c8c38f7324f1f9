import type { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { loadLuaScript, runLuaScript, type RedisEval } from '../redis/lua-script.js';
import { ioredisEval, upstashEval } from '../redis/redis-eval.js';
import { PLAY_WINDOW_MS, type ReplayPlays } from './replay-plays.js';

const dir = new URL('./lua/', import.meta.url);
const scripts = {
  countPlay: loadLuaScript(dir, 'count-play'),
  takePlays: loadLuaScript(dir, 'take-plays'),
  restorePlays: loadLuaScript(dir, 'restore-plays'),
};

const playResultSchema = z.enum(['counted', 'repeat']);
const pendingSchema = z.array(z.union([z.string(), z.number()])).refine((reply) => reply.length % 2 === 0, 'a flat map');

export interface LuaReplayPlaysOptions {
  /** Key prefix, so tests and stacks can share a server. */
  prefix?: string;
}

/**
 * Replay plays in Redis: per viewer and replay a key that holds for the 30-minute window, and one
 * hash of plays not folded yet. Every key carries the `{plays}` hash tag, so each script touches
 * one cluster slot (plays are rare next to the live counters: one per viewer per half hour).
 */
export function createLuaReplayPlays(client: RedisEval, options: LuaReplayPlaysOptions = {}): ReplayPlays {
  const base = `${options.prefix ?? 'rp'}:{plays}`;
  const pendingKey = `${base}:pending`;
  return {
    async countPlay(replayId, viewerId, now) {
      const reply = await runLuaScript(client, scripts.countPlay, [`${base}:seen:${replayId}:${viewerId}`, pendingKey], [replayId, String(now), String(PLAY_WINDOW_MS)]);
      return playResultSchema.parse(reply);
    },
    async takePending() {
      const reply = pendingSchema.parse(await runLuaScript(client, scripts.takePlays, [pendingKey], []));
      const pending = new Map<string, number>();
      for (let index = 0; index < reply.length; index += 2) pending.set(String(reply[index]), Number(reply[index + 1]));
      return pending;
    },
    async restorePending(replayId, plays) {
      await runLuaScript(client, scripts.restorePlays, [pendingKey], [replayId, String(plays)]);
    },
  };
}

/** Over Redis TCP (`REDIS_URL`). */
export const createRedisReplayPlays = (redis: Redis, options?: LuaReplayPlaysOptions) => createLuaReplayPlays(ioredisEval(redis), options);

/** Over Upstash REST (`UPSTASH_REDIS_REST_URL`); the client needs `automaticDeserialization: false`. */
export const createUpstashReplayPlays = (redis: UpstashRedis, options?: LuaReplayPlaysOptions) => createLuaReplayPlays(upstashEval(redis), options);
