import type { Redis } from '@upstash/redis';
import { upstashEval } from '../redis/redis-eval.js';
import type { InventoryGate } from './inventory-gate.js';
import { createLuaInventoryGate, type LuaInventoryGateOptions } from './lua-inventory-gate.js';

/**
 * The inventory gate on Upstash Redis (`UPSTASH_REDIS_REST_URL`/`_TOKEN`): same Lua scripts, over
 * HTTP. The client needs `automaticDeserialization: false` (see `upstashEval`).
 */
export function createUpstashInventoryGate(redis: Redis, options?: LuaInventoryGateOptions): InventoryGate {
  return createLuaInventoryGate(upstashEval(redis), options);
}
