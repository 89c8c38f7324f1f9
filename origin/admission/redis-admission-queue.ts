import type { Redis } from 'ioredis';
import type { AdmissionQueue } from './admission-queue.js';
import { createLuaAdmissionQueue, type LuaAdmissionQueueOptions } from './lua-admission-queue.js';
import type { RedisEval } from './lua-script.js';

/** ioredis (TCP) as the scripts' transport. */
export function ioredisEval(redis: Redis): RedisEval {
  return {
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args),
  };
}

/** The admission queue on Redis over TCP (`REDIS_URL`): the Lua scripts of `lua/`, run by ioredis. */
export function createRedisAdmissionQueue(redis: Redis, options?: LuaAdmissionQueueOptions): AdmissionQueue {
  return createLuaAdmissionQueue(ioredisEval(redis), options);
}
