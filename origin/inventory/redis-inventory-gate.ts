import type { Redis } from 'ioredis';
import { ioredisEval } from '../redis/redis-eval.js';
import type { InventoryGate } from './inventory-gate.js';
import { createLuaInventoryGate, type LuaInventoryGateOptions } from './lua-inventory-gate.js';

/** The inventory gate on Redis over TCP (`REDIS_URL`): the Lua scripts of `lua/`, run by ioredis. */
export function createRedisInventoryGate(redis: Redis, options?: LuaInventoryGateOptions): InventoryGate {
  return createLuaInventoryGate(ioredisEval(redis), options);
}
