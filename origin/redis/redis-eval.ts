import type { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis } from 'ioredis';
import type { RedisEval } from './lua-script.js';

/** ioredis (TCP) as the scripts' transport. */
export function ioredisEval(redis: Redis): RedisEval {
  return {
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args),
  };
}

/**
 * @upstash/redis (HTTP REST) as the scripts' transport. Create the client with
 * `automaticDeserialization: false`: by default it JSON-parses every reply, which would turn a
 * user id such as "1234" into a number.
 */
export function upstashEval(redis: UpstashRedis): RedisEval {
  return {
    evalsha: (sha, keys, args) => redis.evalsha(sha, keys, args),
    eval: (script, keys, args) => redis.eval(script, keys, args),
  };
}
