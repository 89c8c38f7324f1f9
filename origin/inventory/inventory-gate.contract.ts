import { beforeEach, describe, expect, it } from 'vitest';
import { emptySnapshot, type GateItem, type InventoryGate, type Reservation, type ReserveOptions, type ReserveRequest } from './inventory-gate.js';

export interface InventoryGateSubject {
  gate: InventoryGate;
  /** Loses everything the store holds (FLUSHALL, a restarted process); returns the gate to use next. */
  wipe(): Promise<InventoryGate>;
}

const items: GateItem[] = [
  { id: 'slot-a', capacity: 3, perUserLimit: 1 },
  { id: 'deal-b', capacity: 10, perUserLimit: 4 },
];
let counter = 0;
const T0 = Date.parse('2026-12-05T01:00:00Z');

/**
 * The behaviour every InventoryGate adapter must have, run by each adapter's test file against a
 * fresh subject and a fresh event id per test.
 */
export function describeInventoryGateContract(name: string, makeSubject: () => Promise<InventoryGateSubject>): void {
  describe(`InventoryGate contract: ${name}`, () => {
    let subject: InventoryGateSubject;
    let gate: InventoryGate;
    let event: string;
    let ids = 0;

    beforeEach(async () => {
      subject = await makeSubject();
      gate = subject.gate;
      counter += 1;
      event = `evt-${process.pid}-${Date.now().toString(36)}-${counter}`;
    });

    const request = (user: string, itemId = 'slot-a', quantity = 1, key = `key-${(ids += 1)}`): ReserveRequest => ({
      eventId: event,
      itemId,
      userId: user,
      quantity,
      idempotencyKey: key,
      fingerprint: `fp-${itemId}-${quantity}`,
      bookingId: `bk_${(ids += 1)}`,
    });
    const reserve = (r: ReserveRequest, options: ReserveOptions = { now: T0 }) => gate.reserve(r, options);
    const booked = async () => Object.fromEntries([...(await gate.availability(event))].map(([id, entry]) => [id, entry.booked]));
    const open = () => gate.load(event, emptySnapshot(items));

    it('knows no event until it is loaded, and loads exactly once', async () => {
      expect(await gate.isLoaded(event)).toBe(false);
      expect(await reserve(request('ana'))).toEqual({ kind: 'not_loaded' });
      expect(await gate.availability(event)).toEqual(new Map());
      expect(await open()).toBe(true);
      expect(await gate.isLoaded(event)).toBe(true);
      expect((await reserve(request('ana'))).kind).toBe('reserved');
      // A late rebuild (another instance's, from an older read) must not replace the live state.
      expect(await open()).toBe(false);
      expect(await booked()).toEqual({ 'slot-a': 1, 'deal-b': 0 });
    });

    it('sells exactly the capacity, then says sold_out', async () => {
      await open();
      expect(await reserve(request('u1'))).toEqual({ kind: 'reserved', remaining: 2 });
      expect(await reserve(request('u2'))).toEqual({ kind: 'reserved', remaining: 1 });
      expect(await reserve(request('u3'))).toEqual({ kind: 'reserved', remaining: 0 });
      expect(await reserve(request('u4'))).toEqual({ kind: 'sold_out' });
      expect(await reserve(request('u5', 'deal-b', 4))).toEqual({ kind: 'reserved', remaining: 6 });
      expect(await booked()).toEqual({ 'slot-a': 3, 'deal-b': 4 });
      expect(await gate.availability(event)).toEqual(new Map([['slot-a', { capacity: 3, booked: 3, provisional: 0 }], ['deal-b', { capacity: 10, booked: 4, provisional: 0 }]]));
    });

    it('holds each user to the per-item limit, counting quantities', async () => {
      await open();
      expect((await reserve(request('ana', 'deal-b', 3))).kind).toBe('reserved');
      expect(await reserve(request('ana', 'deal-b', 2))).toEqual({ kind: 'limit_reached', held: 3 });
      expect((await reserve(request('ana', 'deal-b', 1))).kind).toBe('reserved');
      expect((await reserve(request('ana', 'slot-a'))).kind).toBe('reserved');
      expect(await reserve(request('bo', 'deal-b', 5))).toEqual({ kind: 'limit_reached', held: 0 });
      expect(await booked()).toEqual({ 'slot-a': 1, 'deal-b': 4 });
    });

    it('replays an Idempotency-Key, refuses it for another body, and never counts a retry twice', async () => {
      await open();
      const first = request('ana', 'deal-b', 2, 'same-key-1');
      expect((await reserve(first)).kind).toBe('reserved');
      expect(await reserve({ ...first })).toEqual({ kind: 'reserved', remaining: 8 });
      expect(await reserve({ ...first, bookingId: 'bk_other' })).toEqual({ kind: 'replay', bookingId: first.bookingId });
      expect(await reserve({ ...first, bookingId: 'bk_x', quantity: 1, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
      // Keys are per user: someone else's same key is a new booking.
      expect((await reserve({ ...first, userId: 'bo', bookingId: 'bk_bo' })).kind).toBe('reserved');
      expect(await booked()).toEqual({ 'slot-a': 0, 'deal-b': 4 });
    });

    it('answers unknown_item for an item the event does not have', async () => {
      await open();
      expect(await reserve(request('ana', 'nope'))).toEqual({ kind: 'unknown_item' });
    });

    it('releases a booking id at most once; an aborted attempt frees its key, a cancel keeps it', async () => {
      await open();
      const aborted = request('ana', 'deal-b', 2, 'abort-key-1');
      const cancelled = request('bo', 'deal-b', 3, 'cancel-key-1');
      await reserve(aborted);
      await reserve(cancelled);
      expect(await gate.release({ eventId: event, bookingId: aborted.bookingId, forgetKey: true })).toBe(true);
      expect(await gate.release({ eventId: event, bookingId: aborted.bookingId, forgetKey: true })).toBe(false);
      expect(await gate.release({ eventId: event, bookingId: cancelled.bookingId, forgetKey: false })).toBe(true);
      expect(await gate.release({ eventId: event, bookingId: 'bk_never', forgetKey: true })).toBe(false);
      expect(await booked()).toEqual({ 'slot-a': 0, 'deal-b': 0 });
      expect((await reserve({ ...aborted, bookingId: 'bk_retry' })).kind).toBe('reserved');
      expect(await reserve({ ...cancelled, bookingId: 'bk_again' })).toEqual({ kind: 'replay', bookingId: cancelled.bookingId });
      // The released places count again for the limit: bo may book 4 more.
      expect((await reserve(request('bo', 'deal-b', 4))).kind).toBe('reserved');
      const held = [...(await gate.reservations(event)).values()];
      expect(held).toHaveLength(2);
      expect(held).toContainEqual({ ...reservationOf(aborted), bookingId: 'bk_retry' });
      expect(held).toContainEqual(expect.objectContaining({ userId: 'bo', itemId: 'deal-b', quantity: 4 }));
    });

    it('rebuilds from a snapshot: counts, limits and replays follow from the reservations', async () => {
      const held: Reservation[] = [
        { bookingId: 'bk_1', itemId: 'slot-a', userId: 'ana', quantity: 1, idempotencyKey: 'k-1', fingerprint: 'f1' },
        { bookingId: 'bk_2', itemId: 'deal-b', userId: 'ana', quantity: 3, idempotencyKey: 'k-2', fingerprint: 'f2' },
        { bookingId: 'bk_3', itemId: 'deal-b', userId: 'user|with|bars ✓', quantity: 2, idempotencyKey: 'k-3', fingerprint: 'f3' },
      ];
      const spentKeys = [{ bookingId: 'bk_0', userId: 'bo', idempotencyKey: 'k-0', fingerprint: 'f0' }];
      expect(await gate.load(event, { items, reservations: held, spentKeys })).toBe(true);
      expect(await booked()).toEqual({ 'slot-a': 1, 'deal-b': 5 });
      expect(await gate.reservations(event)).toEqual(new Map(held.map((r) => [r.bookingId, r])));
      expect(await reserve(request('ana', 'slot-a'))).toEqual({ kind: 'limit_reached', held: 1 });
      expect(await reserve({ ...request('bo'), idempotencyKey: 'k-0', fingerprint: 'f0' })).toEqual({ kind: 'replay', bookingId: 'bk_0' });
      expect(await reserve({ ...request('ana', 'deal-b', 3), idempotencyKey: 'k-2', fingerprint: 'f2', bookingId: 'bk_2' })).toEqual({ kind: 'reserved', remaining: 5 });
      expect(await gate.release({ eventId: event, bookingId: 'bk_3', forgetKey: false })).toBe(true);
      expect(await reserve(request('user|with|bars ✓', 'deal-b', 4))).toEqual({ kind: 'reserved', remaining: 3 });
    });

    it('rebuilds large events in one piece', async () => {
      const many = Array.from({ length: 1_500 }, (_, i): Reservation => ({
        bookingId: `bk_${i}`, itemId: 'deal-b', userId: `u${i}`, quantity: 1, idempotencyKey: `key-${i}`, fingerprint: 'f',
      }));
      await gate.load(event, { items: [{ id: 'deal-b', capacity: 2_000, perUserLimit: 1 }], reservations: many, spentKeys: [] });
      expect(await booked()).toEqual({ 'deal-b': 1_500 });
      expect((await gate.reservations(event)).size).toBe(1_500);
      expect(await reserve(request('u7', 'deal-b'))).toEqual({ kind: 'limit_reached', held: 1 });
    });

    it('adds missing confirmed reservations once, beyond capacity if the ledger says so', async () => {
      await open();
      for (const user of ['u1', 'u2', 'u3']) await reserve(request(user));
      const missing: Reservation = { bookingId: 'bk_lost', itemId: 'slot-a', userId: 'u4', quantity: 1, idempotencyKey: 'lost-key', fingerprint: 'f' };
      expect(await gate.hold(event, [missing, missing])).toBe(1);
      expect(await gate.hold(event, [missing])).toBe(0);
      expect(await booked()).toEqual({ 'slot-a': 4, 'deal-b': 0 });
      expect(await reserve({ ...request('u4'), idempotencyKey: 'lost-key', fingerprint: 'f' })).toEqual({ kind: 'replay', bookingId: 'bk_lost' });
      expect(await gate.hold(`${event}-unknown`, [missing])).toBe(0);
    });

    it('drops a provisional reservation at its deadline, freeing the place and the key', async () => {
      await open();
      const attempt = request('ana', 'slot-a', 1, 'provisional-key');
      expect(await reserve(attempt, { now: T0, until: T0 + 1_000 })).toEqual({ kind: 'reserved', remaining: 2 });
      expect((await gate.reservations(event)).get(attempt.bookingId)).toEqual({ ...reservationOf(attempt), until: T0 + 1_000 });
      expect(await reserve({ ...attempt, bookingId: 'bk_other' }, { now: T0 + 999 })).toEqual({ kind: 'replay', bookingId: attempt.bookingId });
      // Due: the next reserve drops it first, so the same key books anew.
      expect(await reserve({ ...attempt, bookingId: 'bk_retry' }, { now: T0 + 1_000 })).toEqual({ kind: 'reserved', remaining: 2 });
      expect([...(await gate.reservations(event)).keys()]).toEqual(['bk_retry']);
      expect(await booked()).toEqual({ 'slot-a': 1, 'deal-b': 0 });
    });

    it('says places_held, not sold_out, while the missing places are held by requests in flight', async () => {
      await open();
      expect(await reserve(request('u1'))).toMatchObject({ kind: 'reserved' });
      const inFlight = request('u2');
      expect(await reserve(inFlight, { now: T0, until: T0 + 1_000 })).toMatchObject({ kind: 'reserved' });
      const dying = request('u3');
      expect(await reserve(dying, { now: T0, until: T0 + 2_000 })).toEqual({ kind: 'reserved', remaining: 0 });
      // Two of three places are provisional: a buyer of one, or of two, may still get them.
      expect(await reserve(request('u4'), { now: T0 + 1 })).toEqual({ kind: 'places_held' });
      // Held places that could not cover the request even if they fell through: sold out.
      await reserve(request('d1', 'deal-b', 4));
      await reserve(request('d2', 'deal-b', 4));
      expect(await reserve(request('d3', 'deal-b', 1), { now: T0, until: T0 + 5_000 })).toMatchObject({ kind: 'reserved', remaining: 1 });
      expect(await reserve(request('d4', 'deal-b', 3), { now: T0 + 1 })).toEqual({ kind: 'sold_out' });
      expect(await reserve(request('d4', 'deal-b', 2), { now: T0 + 1 })).toEqual({ kind: 'places_held' });
      // One request is recorded (its reservation made firm); the other dies and lapses at its deadline.
      await reserve(inFlight, { now: T0 + 10 });
      expect(await reserve(request('u4', 'slot-a', 1, 'u4-again'), { now: T0 + 1_999 })).toEqual({ kind: 'places_held' });
      expect(await reserve(request('u4', 'slot-a', 1, 'u4-last'), { now: T0 + 2_000 })).toEqual({ kind: 'reserved', remaining: 0 });
      expect(await reserve(request('u6'), { now: T0 + 2_001 })).toEqual({ kind: 'sold_out' });
    });

    it('keeps a provisional reservation made firm in time, and expire() drops only what is due', async () => {
      await open();
      const kept = request('ana', 'deal-b', 2);
      const late = request('bo', 'deal-b', 3);
      const later = request('cy', 'deal-b', 1);
      await reserve(kept, { now: T0, until: T0 + 500 });
      await reserve(late, { now: T0, until: T0 + 500 });
      await reserve(later, { now: T0, until: T0 + 5_000 });
      expect(await reserve(kept, { now: T0 + 100 })).toEqual({ kind: 'reserved', remaining: 4 }); // firm now, counted once
      expect(await gate.expire(event, T0 + 600)).toBe(1);
      expect(await gate.expire(event, T0 + 600)).toBe(0);
      const held = await gate.reservations(event);
      expect(held.get(kept.bookingId)).toEqual(reservationOf(kept));
      expect(held.has(late.bookingId)).toBe(false);
      expect(held.get(later.bookingId)?.until).toBe(T0 + 5_000);
      expect(await booked()).toEqual({ 'slot-a': 0, 'deal-b': 3 });
      expect((await gate.availability(event)).get('deal-b')).toEqual({ capacity: 10, booked: 3, provisional: 1 });
      expect(await gate.release({ eventId: event, bookingId: later.bookingId, forgetKey: true })).toBe(true);
      expect(await gate.expire(event, T0 + 10_000)).toBe(0);
      expect(await gate.expire(`${event}-unknown`, T0)).toBe(0);
    });

    it('forgets everything in a wipe and answers not_loaded until rebuilt', async () => {
      await open();
      await reserve(request('ana'));
      gate = await subject.wipe();
      expect(await gate.isLoaded(event)).toBe(false);
      expect(await reserve(request('bo'))).toEqual({ kind: 'not_loaded' });
      expect(await gate.release({ eventId: event, bookingId: 'bk_1', forgetKey: true })).toBe(false);
      expect(await gate.reservations(event)).toEqual(new Map());
      expect(await open()).toBe(true);
      expect((await reserve(request('bo'))).kind).toBe('reserved');
    });
  });
}

function reservationOf({ eventId: _eventId, ...reservation }: ReserveRequest): Reservation {
  return reservation;
}
