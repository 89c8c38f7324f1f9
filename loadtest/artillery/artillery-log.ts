import { performance } from 'node:perf_hooks';
import { bookingDigest } from '../checks/booking-digest.js';
import type { JourneyLog, VisitorRecord } from '../journey/index.js';
import { METRIC_PREFIX, type ArtilleryEvents } from './artillery-metrics.js';

/** Counter names the journey's log writes and artillery-report.ts reads back. */
export const counters = {
  visitors: `${METRIC_PREFIX}.visitors`,
  joined: `${METRIC_PREFIX}.joined`,
  admitted: `${METRIC_PREFIX}.admitted`,
  booked: `${METRIC_PREFIX}.booked`,
  bookedItem: (itemId: string) => `${METRIC_PREFIX}.booked_item.${itemId}`,
  bookingDigest: `${METRIC_PREFIX}.booking_digest`,
  replays: `${METRIC_PREFIX}.replays`,
  replaysWrong: `${METRIC_PREFIX}.replays_wrong`,
  soldOutSeen: (scope: string) => `${METRIC_PREFIX}.sold_out_seen.${scope}`,
  outcome: (outcome: string) => `${METRIC_PREFIX}.outcome.${outcome}`,
  crashes: `${METRIC_PREFIX}.crashes`,
} as const;

/**
 * The journey's log for one Artillery VU: no per-visitor record leaves the machine, only counters
 * (summed by Artillery over every worker and machine), bounded in number by the event's items.
 * Bookings travel as a count, places per item and a digest (checks/booking-digest.ts).
 */
export function createArtilleryLog(events: ArtilleryEvents): JourneyLog {
  const count = (name: string, value = 1) => void events.emit('counter', name, value);
  const started = performance.now();
  const soldOut = new Set<string>();
  let crashesShown = 0;
  const log: JourneyLog = {
    now: () => performance.now() - started,
    newVisitor(): VisitorRecord {
      count(counters.visitors);
      return { id: 1, seq: null, asks: [] };
    },
    joined(visitor, userId, seq) {
      if (visitor.userId === undefined) count(counters.joined);
      visitor.userId = userId;
      visitor.seq = seq;
    },
    asked(_visitor, ask) {
      if (ask.result === 'admitted') count(counters.admitted);
    },
    booked(_visitor, booking) {
      // A replay's 200 repeats its 201: counted once, as the native journal dedupes by id.
      if (booking.status !== 201) return;
      count(counters.booked);
      count(counters.bookedItem(booking.itemId), booking.quantity);
      count(counters.bookingDigest, bookingDigest({ id: booking.bookingId, itemId: booking.itemId, userId: booking.userId, quantity: booking.quantity }));
    },
    replayed(check) {
      count(counters.replays);
      if (check.status !== 200 || check.bookingId !== check.firstBookingId) count(counters.replaysWrong);
    },
    soldOut(scope) {
      if (soldOut.has(scope)) return;
      soldOut.add(scope);
      count(counters.soldOutSeen(scope));
    },
    finish(visitor, outcome) {
      if (visitor.outcome !== undefined) return undefined;
      visitor.outcome = outcome;
      count(counters.outcome(outcome));
      return undefined;
    },
    crashed(visitor, error) {
      log.finish(visitor, 'failed');
      count(counters.crashes);
      if (crashesShown++ < 3) console.error(`visitor crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  };
  return log;
}
