import type { OriginDeps } from '../deps.js';
import type { BookingRecord, ItemCounter, PendingBooking } from '../ledger/ledger.js';
import { log } from '../logging/log.js';
import type { ReconcileReport } from './reconcile-report.js';

/**
 * Recounts each quiet item (no markers, no attempt in flight) from its confirmed bookings and
 * fixes a counter that disagrees: the safety net for what markers cannot explain (counters
 * written before markers existed, a manual edit, a bug). The booking index may lag the table on
 * AWS, so a disagreement
 * is only noted at first; it is fixed on a later pass if it is the same, at least
 * `driftSettleMs` later, and the counter has not changed since (the fix is conditional on its
 * version and on carrying no markers).
 */
export async function recountItems(
  deps: Pick<OriginDeps, 'ledger' | 'settings'>,
  eventId: string,
  counters: ItemCounter[],
  bookings: BookingRecord[],
  live: PendingBooking[],
  now: number,
  report: ReconcileReport,
): Promise<void> {
  const { ledger, settings } = deps;
  const busy = new Set(live.map((entry) => entry.booking.itemId));
  const confirmed = new Map<string, number>();
  for (const booking of bookings) {
    if (booking.status === 'confirmed') confirmed.set(booking.itemId, (confirmed.get(booking.itemId) ?? 0) + booking.quantity);
  }
  for (const counter of counters) {
    if (counter.markers.length > 0 || busy.has(counter.itemId)) continue;
    const expected = confirmed.get(counter.itemId) ?? 0;
    const { drift, version } = counter;
    if (counter.booked === expected) {
      if (drift) await ledger.noteDrift(eventId, counter.itemId, version, null);
      continue;
    }
    if (!drift || drift.expected !== expected || drift.version !== version) {
      if (await ledger.noteDrift(eventId, counter.itemId, version, { expected, seenAt: now, version })) report.driftNoted += 1;
    } else if (now - drift.seenAt >= settings.driftSettleMs && (await ledger.fixDrift(eventId, counter.itemId, version, expected))) {
      log.warn({ eventId, itemId: counter.itemId, counted: counter.booked, bookings: expected }, 'reconcile: counter fixed to its bookings');
      report.countersFixed += 1;
    }
  }
}
