import type { BookingRecord, PendingBooking } from '../ledger/ledger.js';
import type { GateItem, GateSnapshot, Reservation, SpentKey } from './inventory-gate.js';

const toReservation = ({ id, itemId, userId, quantity, idempotencyKey, fingerprint }: BookingRecord): Reservation => ({
  bookingId: id,
  itemId,
  userId,
  quantity,
  idempotencyKey,
  fingerprint,
});

/**
 * The gate an event should have, from the ledger: every confirmed booking holds its places, a
 * cancelled one keeps its Idempotency-Key, and attempts in flight (the journal) hold theirs if
 * they still fit, as reserve.lua would decide. Attempts the counters already count (`claimed`)
 * go first, then the oldest. One that does not fit is left out; it finds out when it asks the
 * gate again before writing its booking (docs/decisions/0006-booking-journal-and-reconciliation.md).
 */
export function buildGateSnapshot(items: GateItem[], bookings: BookingRecord[], pending: PendingBooking[], claimed: ReadonlySet<string>): GateSnapshot {
  const byId = new Map(items.map((item) => [item.id, item]));
  const booked = new Map<string, number>();
  const held = new Map<string, number>();
  const keys = new Set<string>();
  const reservations: Reservation[] = [];
  const take = (booking: BookingRecord) => {
    reservations.push(toReservation(booking));
    booked.set(booking.itemId, (booked.get(booking.itemId) ?? 0) + booking.quantity);
    const heldKey = `${booking.itemId}|${booking.userId}`;
    held.set(heldKey, (held.get(heldKey) ?? 0) + booking.quantity);
    keys.add(`${booking.idempotencyKey}|${booking.userId}`);
  };

  const spentKeys: SpentKey[] = [];
  for (const booking of bookings) {
    if (booking.status === 'confirmed') take(booking);
    else spentKeys.push({ bookingId: booking.id, userId: booking.userId, idempotencyKey: booking.idempotencyKey, fingerprint: booking.fingerprint });
  }
  for (const { idempotencyKey, userId } of spentKeys) keys.add(`${idempotencyKey}|${userId}`);

  const recorded = new Set(bookings.map((booking) => booking.id));
  const attempts = pending
    .map((entry) => entry.booking)
    .filter((booking) => !recorded.has(booking.id))
    .sort((a, b) => Number(claimed.has(b.id)) - Number(claimed.has(a.id)) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const attempt of attempts) {
    const item = byId.get(attempt.itemId);
    if (!item || keys.has(`${attempt.idempotencyKey}|${attempt.userId}`)) continue;
    const fitsItem = (booked.get(item.id) ?? 0) + attempt.quantity <= item.capacity;
    const fitsUser = (held.get(`${item.id}|${attempt.userId}`) ?? 0) + attempt.quantity <= item.perUserLimit;
    if (fitsItem && fitsUser) take(attempt);
  }
  return { items, reservations, spentKeys };
}
