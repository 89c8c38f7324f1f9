import type { Redis } from '@upstash/redis';
import { upstashEval } from '../redis/redis-eval.js';
import type { AdmissionQueue } from './admission-queue.js';
import { createLuaAdmissionQueue, type LuaAdmissionQueueOptions } from './lua-admission-queue.js';

/**
 * The admission queue on Upstash Redis (`UPSTASH_REDIS_REST_URL`/`_TOKEN`): same Lua scripts, over
 * HTTP. The client needs `automaticDeserialization: false` (see `upstashEval`).
 */
export function createUpstashAdmissionQueue(redis: Redis, options?: LuaAdmissionQueueOptions): AdmissionQueue {
  return createLuaAdmissionQueue(upstashEval(redis), options);
}
