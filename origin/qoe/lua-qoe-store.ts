import type { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { loadLuaScript, runLuaScript, type RedisEval } from '../redis/lua-script.js';
import { ioredisEval, upstashEval } from '../redis/redis-eval.js';
import { deltasOf, emptyFigures, type QoeDelta } from './qoe-figures.js';
import { MAX_ERROR_CODES, minuteOf, minutesAt, OTHER_ERROR_CODE, QOE_MINUTE_MS, QOE_MINUTES, targetKey, type QoeStore, type QoeTarget } from './qoe-store.js';
import { summarizeWindow, type MinuteFigures } from './summarize-window.js';

const dir = new URL('./lua/', import.meta.url);
const scripts = { record: loadLuaScript(dir, 'record-qoe'), summary: loadLuaScript(dir, 'qoe-summary') };

/** A minute lives past the window it is read in, with a margin for clocks a little apart. */
const MINUTE_TTL_MS = (QOE_MINUTES + 1) * QOE_MINUTE_MS;

const flatMap = z.array(z.union([z.string(), z.number()])).refine((list) => list.length % 2 === 0, 'a flat {name, value} list');
const count = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number).pipe(z.int().min(0));
const summaryReplySchema = z.array(z.unknown()).length(1 + 3 * QOE_MINUTES, 'one union count and three entries per minute');

const pairsOf = (list: readonly (string | number)[]): [string, number][] =>
  Array.from({ length: list.length / 2 }, (_, index) => [String(list[2 * index]), count.parse(list[2 * index + 1])]);

/** A minute's hash back into figures; unknown fields are an error, never silently dropped. */
function figuresOf(minute: number, fields: readonly (string | number)[], codes: readonly (string | number)[], sessions: number): MinuteFigures {
  const figures: MinuteFigures = { ...emptyFigures(), minute, sessions };
  for (const [field, value] of pairsOf(fields)) {
    if (field.startsWith('s:')) figures.startup.set(Number(field.slice(2)), value);
    else if (field === 'playedMs' || field === 'rebufferMs' || field === 'bitrateSwitches' || field === 'errors' || field === 'fatal') figures[field] = value;
    else throw new Error(`qoe-summary.lua answered an unknown field ${field}`);
  }
  for (const [code, value] of pairsOf(codes)) figures.codes.set(code, value);
  return figures;
}

/** A delta as record-qoe.lua's ARGV (zero increments left out). */
function recordArgs(delta: QoeDelta): string[] {
  const sums = { playedMs: delta.playedMs, rebufferMs: delta.rebufferMs, bitrateSwitches: delta.bitrateSwitches, errors: delta.errors, fatal: delta.fatal };
  const fields = [...Object.entries(sums), ...[...delta.startup].map(([bucket, n]) => [`s:${bucket}`, n] as const)].filter(([, n]) => n > 0);
  return [
    String(MINUTE_TTL_MS),
    String(MAX_ERROR_CODES),
    OTHER_ERROR_CODE,
    String(fields.length),
    ...fields.flatMap(([field, n]) => [field, String(n)]),
    String(delta.codes.size),
    ...[...delta.codes].flatMap(([code, n]) => [code, String(n)]),
    ...delta.sessions,
  ];
}

export interface LuaQoeStoreOptions {
  /** Key prefix, so tests and stacks can share a server. */
  prefix?: string;
}

/**
 * QoE in Redis: per target per minute a hash of sums (HINCRBY, startup samples as fixed log-scale
 * bucket fields), a hash of error codes (capped) and a HyperLogLog of sessions, all expiring after
 * 11 minutes. One script per target of a batch: every key of a target carries its `{c:<id>}` or
 * `{r:<id>}` hash tag, so each script touches one cluster slot.
 */
export function createLuaQoeStore(client: RedisEval, options: LuaQoeStoreOptions = {}): QoeStore {
  const keysOf = (target: QoeTarget, minute: number) => {
    const base = `${options.prefix ?? 'qoe'}:{${targetKey(target)}}:${minute}`;
    return [`${base}:f`, `${base}:e`, `${base}:s`];
  };
  return {
    async record(beacons, now) {
      // A batch is validated whole before this; its targets are written one script each.
      await Promise.all(deltasOf(beacons).map((delta) => runLuaScript(client, scripts.record, keysOf(delta.target, minuteOf(now)), recordArgs(delta))));
    },
    async summary(target, now) {
      const minutes = minutesAt(now);
      const reply = summaryReplySchema.parse(await runLuaScript(client, scripts.summary, minutes.flatMap((minute) => keysOf(target, minute)), []));
      const at = (index: number) => reply[1 + index];
      const figures = minutes.map((minute, index) =>
        figuresOf(minute, flatMap.parse(at(3 * index)), flatMap.parse(at(3 * index + 1)), count.parse(at(3 * index + 2))),
      );
      return summarizeWindow(figures, count.parse(reply[0]));
    },
  };
}

/** Over Redis TCP (`REDIS_URL`). */
export const createRedisQoeStore = (redis: Redis, options?: LuaQoeStoreOptions) => createLuaQoeStore(ioredisEval(redis), options);

/** Over Upstash REST (`UPSTASH_REDIS_REST_URL`); the client needs `automaticDeserialization: false`. */
export const createUpstashQoeStore = (redis: UpstashRedis, options?: LuaQoeStoreOptions) => createLuaQoeStore(upstashEval(redis), options);
