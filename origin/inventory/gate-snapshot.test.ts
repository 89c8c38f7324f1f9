import { describe, expect, it } from 'vitest';
import type { BookingRecord, PendingBooking } from '../ledger/ledger.js';
import { buildGateSnapshot } from './gate-snapshot.js';

const items = [
  { id: 'slot', capacity: 2, perUserLimit: 1 },
  { id: 'deal', capacity: 5, perUserLimit: 3 },
];
const booking = (id: string, overrides: Partial<BookingRecord> = {}): BookingRecord => ({
  id,
  eventId: 'e',
  itemId: 'slot',
  userId: `u-${id}`,
  quantity: 1,
  status: 'confirmed',
  createdAt: `2026-12-05T01:00:00.${id.slice(-3).padStart(3, '0')}Z`,
  idempotencyKey: `k-${id}`,
  fingerprint: 'f',
  ...overrides,
});
const pending = (b: BookingRecord): PendingBooking => ({ booking: b, deadline: 0 });
const ids = (snapshot: ReturnType<typeof buildGateSnapshot>) => snapshot.reservations.map((r) => r.bookingId);

describe('the gate rebuilt from the ledger', () => {
  it('holds every confirmed booking and keeps the keys of cancelled ones', () => {
    const snapshot = buildGateSnapshot(items, [booking('b1'), booking('b2', { status: 'cancelled' }), booking('b3', { itemId: 'deal', quantity: 3 })], [], new Set());
    expect(ids(snapshot)).toEqual(['b1', 'b3']);
    expect(snapshot.spentKeys).toEqual([{ bookingId: 'b2', userId: 'u-b2', idempotencyKey: 'k-b2', fingerprint: 'f' }]);
    expect(snapshot.items).toBe(items);
  });

  it('adds attempts in flight that still fit: counted ones first, then the oldest', () => {
    const confirmed = [booking('b1')];
    const attempts = [booking('p1'), booking('p2'), booking('p3')].map(pending);
    expect(ids(buildGateSnapshot(items, confirmed, attempts, new Set()))).toEqual(['b1', 'p1']);
    expect(ids(buildGateSnapshot(items, confirmed, attempts, new Set(['p3'])))).toEqual(['b1', 'p3']);
  });

  it('holds attempts to the per-user limit and to one per key, as the gate would', () => {
    const ana = { userId: 'ana', itemId: 'deal' };
    const attempts = [
      booking('p1', { ...ana, quantity: 2 }),
      booking('p2', { ...ana, quantity: 2 }), // 2 + 2 > 3
      booking('p3', { ...ana, quantity: 1, idempotencyKey: 'k-p1' }), // p1's key
      booking('p4', { ...ana, quantity: 1 }),
    ].map(pending);
    expect(ids(buildGateSnapshot(items, [], attempts, new Set()))).toEqual(['p1', 'p4']);
  });

  it('skips attempts whose booking is already recorded, and items the event lacks', () => {
    const recorded = booking('b1');
    expect(ids(buildGateSnapshot(items, [recorded], [pending(recorded), pending(booking('p1', { itemId: 'gone' }))], new Set()))).toEqual(['b1']);
  });
});
