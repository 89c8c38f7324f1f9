import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { emptySnapshot, type GateItem, type InventoryGate, type Reservation, type ReserveResult } from './inventory-gate.js';
import { createRedisInventoryGate } from './redis-inventory-gate.js';

const items: GateItem[] = [
  { id: 'slot', capacity: 50, perUserLimit: 1 },
  { id: 'deal', capacity: 120, perUserLimit: 3 },
];

/** Atomicity with real parallelism: four origin instances, each with its own connection. */
describe.runIf(redisServerAvailable())('Redis inventory gate under concurrency', () => {
  const fixture = useRedisServer();
  let connections: Redis[] = [];
  let gates: InventoryGate[] = [];
  let event = 0;
  beforeAll(() => {
    connections = Array.from({ length: 4 }, () => new Redis(fixture().server.url, { enableAutoPipelining: true }));
    gates = connections.map((redis) => createRedisInventoryGate(redis, { prefix: 'conc' }));
  });
  afterAll(() => connections.forEach((redis) => redis.disconnect()));
  const on = (index: number) => gates[index % gates.length]!;

  it('never exceeds capacity or perUserLimit across 1,200 parallel reserves', async () => {
    const id = `e${(event += 1)}`;
    await on(0).load(id, emptySnapshot(items));
    // 200 users, six attempts each: both items, quantities 1–3, every second attempt a retry of a key.
    const attempts = Array.from({ length: 1_200 }, (_, i) => {
      const user = `user-${i % 200}`;
      const round = Math.floor(i / 200);
      const itemId = round % 2 === 0 ? 'slot' : 'deal';
      const quantity = itemId === 'slot' ? 1 : 1 + (i % 3);
      const key = `k-${user}-${Math.floor(round / 2)}-${itemId}`;
      return { eventId: id, itemId, userId: user, quantity, idempotencyKey: key, fingerprint: `${itemId}:${quantity}`, bookingId: `bk-${i}` };
    });
    const results = await Promise.all(attempts.map((attempt, i) => on(i).reserve(attempt, { now: 0 }).then((result) => ({ attempt, result }))));

    const reserved = results.filter(({ result }) => result.kind === 'reserved');
    const held = await on(1).reservations(id);
    expect(new Set(held.keys())).toEqual(new Set(reserved.map(({ attempt }) => attempt.bookingId)));
    const availability = await on(2).availability(id);
    for (const item of items) {
      const sum = [...held.values()].filter((r) => r.itemId === item.id).reduce((total, r) => total + r.quantity, 0);
      expect(availability.get(item.id)).toEqual({ capacity: item.capacity, booked: sum, provisional: 0 });
      expect(sum).toBeLessThanOrEqual(item.capacity);
    }
    expect(availability.get('slot')!.booked).toBe(50); // more demand than places: sold out exactly
    const perUser = new Map<string, number>();
    for (const r of held.values()) perUser.set(`${r.itemId}|${r.userId}`, (perUser.get(`${r.itemId}|${r.userId}`) ?? 0) + r.quantity);
    for (const [key, quantity] of perUser) expect(quantity, key).toBeLessThanOrEqual(key.startsWith('slot') ? 1 : 3);
    // One reservation per key: the other attempts with it were replays, refusals or mismatches.
    const keys = [...held.values()].map((r) => `${r.userId}|${r.idempotencyKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    const kinds = new Set(results.map(({ result }) => result.kind));
    expect([...kinds].every((kind) => ['reserved', 'replay', 'sold_out', 'limit_reached', 'mismatch'].includes(kind))).toBe(true);
  }, 30_000);

  it('lets exactly one of many concurrent rebuilds land, whole', async () => {
    const id = `e${(event += 1)}`;
    const snapshot = (n: number) => ({
      items,
      reservations: Array.from({ length: 120 }, (_, i): Reservation => ({
        bookingId: `bk-${n}-${i}`, itemId: 'deal', userId: `u${i}`, quantity: 1, idempotencyKey: `k-${i}`, fingerprint: 'f',
      })),
      spentKeys: [],
    });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, n) => on(n).load(id, snapshot(n))));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = outcomes.indexOf(true);
    const held = await on(0).reservations(id);
    expect([...held.keys()].every((bookingId) => bookingId.startsWith(`bk-${winner}-`))).toBe(true);
    expect(held.size).toBe(120);
    expect(await fixture().redis.keys(`conc:{${id}}:g:load:*`)).toEqual([]);
  }, 30_000);

  it('releases each place once when many instances release the same bookings at once', async () => {
    const id = `e${(event += 1)}`;
    await on(0).load(id, emptySnapshot(items));
    const bookings = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        on(i).reserve({ eventId: id, itemId: 'deal', userId: `r${i}`, quantity: 1, idempotencyKey: `rk-${i}`, fingerprint: 'f', bookingId: `rb-${i}` }, { now: 0 }),
      ),
    );
    expect(bookings.every((result: ReserveResult) => result.kind === 'reserved')).toBe(true);
    const releases = await Promise.all(
      Array.from({ length: 400 }, (_, i) => on(i).release({ eventId: id, bookingId: `rb-${i % 100}`, forgetKey: i % 2 === 0 })),
    );
    expect(releases.filter(Boolean)).toHaveLength(100);
    expect((await on(0).availability(id)).get('deal')).toEqual({ capacity: 120, booked: 0, provisional: 0 });
  }, 30_000);
});
