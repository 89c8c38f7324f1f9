import type { Redis } from 'ioredis';
import { ioredisEval } from '../redis/redis-eval.js';
import type { AdmissionQueue } from './admission-queue.js';
import { createLuaAdmissionQueue, type LuaAdmissionQueueOptions } from './lua-admission-queue.js';

/** The admission queue on Redis over TCP (`REDIS_URL`): the Lua scripts of `lua/`, run by ioredis. */
export function createRedisAdmissionQueue(redis: Redis, options?: LuaAdmissionQueueOptions): AdmissionQueue {
  return createLuaAdmissionQueue(ioredisEval(redis), options);
}
