import { describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { emptySnapshot } from './inventory-gate.js';
import { createRedisInventoryGate } from './redis-inventory-gate.js';

const items = [{ id: 'slot', capacity: 2, perUserLimit: 1 }];
const request = (bookingId: string, userId: string) => ({ eventId: 'drop-7', itemId: 'slot', userId, quantity: 1, idempotencyKey: `key-${userId}`, fingerprint: 'f', bookingId });

describe.runIf(redisServerAvailable())('the Redis gate’s keys', () => {
  const fixture = useRedisServer();

  it('share the event’s hash tag, so Redis Cluster keeps them in one slot', async () => {
    const { redis } = fixture();
    const gate = createRedisInventoryGate(redis, { prefix: 'slot' });
    await gate.load('drop-7', emptySnapshot(items));
    await gate.reserve(request('bk_1', 'ana'), { now: 0, until: 10 });
    const keys = await redis.keys('slot:*');
    expect(keys.sort()).toEqual(['slot:{drop-7}:g', 'slot:{drop-7}:gp']);
    // Cluster hashes only the first {…} of a key (the hash tag) when it is non-empty.
    const hashTag = (key: string) => /\{([^}]+)\}/.exec(key)?.[1];
    expect([...keys, 'slot:{drop-7}:g:load:any'].map(hashTag)).toEqual(['drop-7', 'drop-7', 'drop-7']);
  });

  it('rebuild cleanly when only the gate hash is lost: leftovers of the old gate release nothing', async () => {
    const { redis } = fixture();
    const gate = createRedisInventoryGate(redis, { prefix: 'evict' });
    await gate.load('drop-7', emptySnapshot(items));
    await gate.reserve(request('bk_1', 'ana'), { now: 0, until: 1_000 });
    await redis.del('evict:{drop-7}:g'); // as an eviction would: the provisional zset stays behind
    expect(await gate.isLoaded('drop-7')).toBe(false);
    // The rebuild holds bk_1 firmly (say its attempt was journaled by then).
    const { eventId: _eventId, ...firm } = request('bk_1', 'ana');
    expect(await gate.load('drop-7', { items, reservations: [firm], spentKeys: [] })).toBe(true);
    expect(await gate.expire('drop-7', 5_000)).toBe(0);
    expect((await gate.availability('drop-7')).get('slot')).toEqual({ capacity: 2, booked: 1, provisional: 0 });
  });
});
