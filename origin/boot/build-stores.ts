import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis } from 'ioredis';
import type { AdmissionQueue } from '../admission/admission-queue.js';
import { createMemoryAdmissionQueue } from '../admission/memory-admission-queue.js';
import { createRedisAdmissionQueue } from '../admission/redis-admission-queue.js';
import { createUpstashAdmissionQueue } from '../admission/upstash-admission-queue.js';
import type { ChannelCounters } from '../channels/channel-counters.js';
import { createRedisChannelCounters, createUpstashChannelCounters } from '../channels/lua-channel-counters.js';
import { createMemoryChannelCounters } from '../channels/memory-channel-counters.js';
import type { OriginConfig } from '../config.js';
import { createMemoryQoeStore } from '../qoe/memory-qoe-store.js';
import { createRedisQoeStore, createUpstashQoeStore } from '../qoe/lua-qoe-store.js';
import type { QoeStore } from '../qoe/qoe-store.js';
import type { InventoryGate } from '../inventory/inventory-gate.js';
import { createRedisReplayPlays, createUpstashReplayPlays } from '../replays/lua-replay-plays.js';
import { createMemoryReplayPlays } from '../replays/memory-replay-plays.js';
import type { ReplayPlays } from '../replays/replay-plays.js';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createRedisInventoryGate } from '../inventory/redis-inventory-gate.js';
import { createUpstashInventoryGate } from '../inventory/upstash-inventory-gate.js';

export interface Stores {
  queue: AdmissionQueue;
  gate: InventoryGate;
  /** Channels' viewers and hearts. */
  counters: ChannelCounters;
  /** Playback quality beacons' sums. */
  qoe: QoeStore;
  /** Replays' plays, once per viewer per 30 min, until folded into the ledger. */
  replayPlays: ReplayPlays;
  close(): void;
}

/**
 * REDIS_URL → ioredis (TCP), UPSTASH_REDIS_REST_URL → @upstash/redis (HTTP). In-process memory
 * stores only for BANJJAK_STACK=local: `parseOriginConfig` refuses a start without Redis elsewhere,
 * and this refuses again, so no path reaches them by accident.
 */
export function buildStores(config: OriginConfig, upstashToken: string | undefined): Stores {
  if (config.REDIS_URL) {
    const redis = new Redis(config.REDIS_URL, { enableAutoPipelining: true });
    return { queue: createRedisAdmissionQueue(redis), gate: createRedisInventoryGate(redis), counters: createRedisChannelCounters(redis), qoe: createRedisQoeStore(redis), replayPlays: createRedisReplayPlays(redis), close: () => redis.disconnect() };
  }
  if (config.UPSTASH_REDIS_REST_URL && upstashToken) {
    // Raw replies: the adapters parse them themselves (a user id "1234" must stay a string).
    const upstash = new UpstashRedis({ url: config.UPSTASH_REDIS_REST_URL, token: upstashToken, automaticDeserialization: false });
    return { queue: createUpstashAdmissionQueue(upstash), gate: createUpstashInventoryGate(upstash), counters: createUpstashChannelCounters(upstash), qoe: createUpstashQoeStore(upstash), replayPlays: createUpstashReplayPlays(upstash), close: () => undefined };
  }
  if (config.BANJJAK_STACK !== 'local') throw new Error('no Redis configured: in-memory stores are for BANJJAK_STACK=local only');
  return { queue: createMemoryAdmissionQueue(), gate: createMemoryInventoryGate(), counters: createMemoryChannelCounters(), qoe: createMemoryQoeStore(), replayPlays: createMemoryReplayPlays(), close: () => undefined };
}
