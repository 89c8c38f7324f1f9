import type { Redis } from '@upstash/redis';
import type { AdmissionQueue } from './admission-queue.js';
import { createLuaAdmissionQueue, type LuaAdmissionQueueOptions } from './lua-admission-queue.js';
import type { RedisEval } from './lua-script.js';

/**
 * @upstash/redis (HTTP REST) as the scripts' transport. Create the client with
 * `automaticDeserialization: false`: by default it JSON-parses every reply, which would turn a
 * user id such as "1234" into a number.
 */
export function upstashEval(redis: Redis): RedisEval {
  return {
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys, args),
    eval: (script, keys, args) => redis.eval(script, keys, args),
  };
}

/** The admission queue on Upstash Redis (`UPSTASH_REDIS_REST_URL`/`_TOKEN`): same Lua scripts, over HTTP. */
export function createUpstashAdmissionQueue(redis: Redis, options?: LuaAdmissionQueueOptions): AdmissionQueue {
  return createLuaAdmissionQueue(upstashEval(redis), options);
}
