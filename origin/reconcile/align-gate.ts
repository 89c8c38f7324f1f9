import type { OriginDeps } from '../deps.js';
import type { Reservation } from '../inventory/inventory-gate.js';
import type { BookingRecord, ItemCounter, PendingBooking } from '../ledger/ledger.js';
import type { ReconcileReport } from './reconcile-report.js';

const toReservation = (b: BookingRecord): Reservation => ({
  bookingId: b.id,
  itemId: b.itemId,
  userId: b.userId,
  quantity: b.quantity,
  idempotencyKey: b.idempotencyKey,
  fingerprint: b.fingerprint,
});

/**
 * Makes the gate agree with the ledger. Due provisional reservations go first; then the quick
 * check compares the gate's count with the ledger's counter on quiet items, and only a
 * difference reads the reservations themselves. The gate is read first: a firm reservation is
 * only ever made after its attempt was journaled, so one that has neither a journal entry nor a
 * confirmed booking afterwards is an orphan (a crash after the release was due, or a rebuild
 * that read an attempt just before it ended). Each verdict is checked against the booking record
 * itself, since the event's booking index may lag.
 */
export async function alignGate(
  deps: Pick<OriginDeps, 'ledger' | 'gate'>,
  eventId: string,
  counters: ItemCounter[],
  live: PendingBooking[],
  now: number,
  report: ReconcileReport,
): Promise<void> {
  const { ledger, gate } = deps;
  if (!(await gate.isLoaded(eventId))) return; // rebuilt from the ledger when next needed
  // Provisional places of requests that died before journaling: due ones go now.
  report.gateReleased += await gate.expire(eventId, now);
  const availability = await gate.availability(eventId);
  const busy = new Set(live.map((entry) => entry.booking.itemId));
  const agrees = counters.every((counter) => {
    const entry = availability.get(counter.itemId);
    // Quiet items only: no marker, no journaled attempt, no provisional place on the way.
    if (counter.markers.length > 0 || busy.has(counter.itemId) || (entry?.provisional ?? 0) > 0) return true;
    return entry?.booked === counter.booked;
  });
  if (agrees) return;

  const held = await gate.reservations(eventId);
  const [pending, bookings] = await Promise.all([ledger.listPending(eventId), ledger.listBookingsByEvent(eventId)]);
  const inFlight = new Set(pending.map((entry) => entry.booking.id));
  const confirmed = new Map(bookings.filter((b) => b.status === 'confirmed').map((b) => [b.id, b]));

  for (const [bookingId, reservation] of held) {
    // A provisional reservation belongs to a request not journaled yet; it drops itself.
    if (reservation.until !== undefined || inFlight.has(bookingId) || confirmed.has(bookingId)) continue;
    const state = await ledger.bookingState(bookingId);
    if (state.kind === 'booking' && state.booking.status === 'confirmed') continue;
    // A cancelled booking keeps replaying its key; an attempt that never became one frees it.
    if (await gate.release({ eventId, bookingId, forgetKey: state.kind !== 'booking' })) report.gateReleased += 1;
  }

  const restore: Reservation[] = [];
  for (const booking of confirmed.values()) {
    if (held.has(booking.id)) continue;
    const state = await ledger.bookingState(booking.id);
    if (state.kind === 'booking' && state.booking.status === 'confirmed') restore.push(toReservation(state.booking));
  }
  if (restore.length > 0) report.gateRestored += await gate.hold(eventId, restore);
}
