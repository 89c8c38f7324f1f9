import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryGate } from '../inventory/inventory-gate.js';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createRedisInventoryGate } from '../inventory/redis-inventory-gate.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { callApp, type CallResult } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

const items = [
  { id: 'slot', label: '10:00', capacity: 2, perUserLimit: 1 },
  { id: 'deal', label: 'Cushion set', capacity: 10, perUserLimit: 3 },
];

/** Booking rules and bad input, on one gate adapter: every refusal leaves ledger and gate as they were. */
function describeRules(name: string, makeGate: () => InventoryGate): void {
  describe(`booking rules (${name} gate)`, () => {
    let origin: TestOrigin;
    let eventId: string;
    beforeEach(async () => {
      origin = await createTestOrigin(dynamo, { gate: makeGate() });
      eventId = await create({ items });
    });

    const create = async (overrides: Record<string, unknown>) =>
      (await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { kind: 'deal', ...overrides }) })).body.id as string;
    const access = async (userId: string, evt = eventId, ttl = 7_200) => (await origin.deps.tokens.sign('access', { sub: userId, evt }, ttl)).token;
    const book = async (userId: string, body: unknown, key = `key-${userId}-${Math.random().toString(36).slice(2)}`, evt = eventId): Promise<CallResult> =>
      callApp(origin.app, 'POST', `/api/events/${evt}/bookings`, { token: await access(userId, evt), headers: { 'idempotency-key': key }, body });
    /** Everything a booking could have touched. */
    const state = async (evt = eventId) => {
      const { ledger, gate } = origin.deps;
      return {
        counters: await ledger.itemCounters(evt),
        pending: await ledger.listPending(evt),
        bookings: await ledger.listBookingsByEvent(evt),
        gate: await gate.availability(evt),
        held: [...(await gate.reservations(evt)).keys()].sort(),
      };
    };
    const expectRefused = async (result: Promise<CallResult>, status: number, code: string, evt = eventId) => {
      const before = await state(evt);
      const { status: got, body } = await result;
      expect({ status: got, code: body?.code }).toEqual({ status, code });
      expect(await state(evt)).toEqual(before);
    };

    it('books a time slot one place at a time, and a deal up to the per-person limit', async () => {
      const slot = await book('ana', { itemId: 'slot' });
      expect(slot.status).toBe(201);
      expect(slot.body.booking).toMatchObject({ eventId, itemId: 'slot', userId: 'ana', quantity: 1, status: 'confirmed', itemLabel: '10:00' });
      expect((await book('ana', { itemId: 'deal', quantity: 2 })).status).toBe(201);
      expect((await book('ana', { itemId: 'deal', quantity: 1 })).status).toBe(201);
      const view = await callApp(origin.app, 'GET', `/api/events/${eventId}`);
      expect(view.body.items.map((item: { remaining: number }) => item.remaining)).toEqual([1, 7]);
      expect((await origin.deps.ledger.listBookingsByUser('ana')).map((b) => b.quantity).sort()).toEqual([1, 1, 2]);
    });

    it('refuses bad requests without touching inventory or ledger', async () => {
      await expectRefused(book('ana', { itemId: 'nope' }), 404, 'item_not_found');
      for (const quantity of [0, -1, 1.5, '2', 4]) await expectRefused(book('ana', { itemId: 'deal', quantity }), 400, 'validation_failed');
      await expectRefused(book('ana', { itemId: 'slot', quantity: 2 }), 400, 'validation_failed');
      const expired = await access('ana', eventId, 60);
      origin.clock.advance(61_000 + 5_000);
      await expectRefused(callApp(origin.app, 'POST', `/api/events/${eventId}/bookings`, { token: expired, headers: { 'idempotency-key': 'expired-key' }, body: { itemId: 'slot' } }), 401, 'invalid_token');
      const other = await create({ items });
      await expectRefused(callApp(origin.app, 'POST', `/api/events/${eventId}/bookings`, { token: await access('ana', other), headers: { 'idempotency-key': 'other-key' }, body: { itemId: 'slot' } }), 403, 'wrong_event');
    });

    it('refuses sold out, over the limit, and a reused key with another body, changing nothing', async () => {
      expect((await book('u1', { itemId: 'slot' })).status).toBe(201);
      expect((await book('u2', { itemId: 'slot' })).status).toBe(201);
      await expectRefused(book('u3', { itemId: 'slot' }), 409, 'sold_out');
      expect((await book('ana', { itemId: 'deal', quantity: 3 }, 'ana-deal-key')).status).toBe(201);
      await expectRefused(book('ana', { itemId: 'deal', quantity: 1 }), 409, 'limit_reached');
      await expectRefused(book('ana', { itemId: 'deal', quantity: 2 }, 'ana-deal-key'), 422, 'idempotency_mismatch');
      const replay = await book('ana', { itemId: 'deal', quantity: 3 }, 'ana-deal-key');
      expect(replay.status).toBe(200);
    });

    it('answers places_held with Retry-After while the last place is held by a request in flight, then sells it', async () => {
      expect((await book('u1', { itemId: 'slot' })).status).toBe(201);
      // Another instance's booking of the last place, between its gate reservation and its record.
      const inFlight = { eventId, itemId: 'slot', userId: 'u2', quantity: 1, idempotencyKey: 'k-u2', fingerprint: 'fp-u2', bookingId: 'bk_in_flight' };
      expect(await origin.deps.gate.reserve(inFlight, { now: origin.clock.now(), until: origin.clock.now() + 5_000 })).toMatchObject({ kind: 'reserved' });
      const held = await book('u3', { itemId: 'slot' }, 'u3-booking-key');
      expect([held.status, held.body.code, held.headers.get('retry-after')]).toEqual([409, 'places_held', '2']);
      // That request dies: its hold lapses at its deadline, and the same key now books the place.
      origin.clock.advance(5_000);
      expect((await book('u3', { itemId: 'slot' }, 'u3-booking-key')).status).toBe(201);
      await expectRefused(book('u4', { itemId: 'slot' }), 409, 'sold_out');
    });

    it('sells only inside the sale window', async () => {
      const later = await create({ items, startsAt: new Date(origin.clock.now() + 3_600_000).toISOString(), endsAt: new Date(origin.clock.now() + 7_200_000).toISOString() });
      await expectRefused(book('ana', { itemId: 'slot' }, 'early-key-1', later), 409, 'sale_not_open', later);
      origin.clock.advance(3_600_000 + 1_000); // past the first event's end, inside the later one
      await expectRefused(book('ana', { itemId: 'slot' }), 409, 'sale_not_open');
      expect((await book('ana', { itemId: 'slot' }, 'in-window-1', later)).status).toBe(201);
    });

    it('keeps guests out of a members-only event at booking time too', async () => {
      const members = await create({ items, guestsAllowed: false });
      await expectRefused(book('guest_abc123', { itemId: 'slot' }, 'guest-key-1', members), 403, 'members_only', members);
      expect((await book('user1', { itemId: 'slot' }, 'member-key-1', members)).status).toBe(201);
      expect((await book('oidc:external-user', { itemId: 'slot' }, 'oidc-key-1', members)).status).toBe(201);
    });

    it('cancels only one’s own booking; the place returns exactly once', async () => {
      const booked = (await book('ana', { itemId: 'slot' })).body.booking;
      const idToken = async (sub: string) => (await origin.deps.tokens.sign('id', { sub, idk: 'member' }, 600)).token;
      await expectRefused(callApp(origin.app, 'DELETE', `/api/bookings/${booked.id}`, { token: await idToken('bo') }), 404, 'booking_not_found');
      await expectRefused(callApp(origin.app, 'DELETE', '/api/bookings/bk_unknown', { token: await idToken('bo') }), 404, 'booking_not_found');
      const results = await Promise.all(Array.from({ length: 5 }, async () => callApp(origin.app, 'DELETE', `/api/bookings/${booked.id}`, { token: await idToken('ana') })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const after = await state();
      expect(after.counters.find((c) => c.itemId === 'slot')).toMatchObject({ booked: 0, markers: [] });
      expect(after.gate.get('slot')).toEqual({ capacity: 2, booked: 0, provisional: 0 });
      expect(after.held).toEqual([]);
    });
  });
}

describeRules('memory', () => createMemoryInventoryGate());

describe.runIf(redisServerAvailable())('on a real redis-server', () => {
  const redis = useRedisServer();
  let prefix = 0;
  describeRules('redis', () => createRedisInventoryGate(redis().redis, { prefix: `rules${(prefix += 1)}` }));
});
