import type { JournalData } from '../journal/visitor-journal.js';
import type { SeenBooking, VisitorRecord } from '../journey/index.js';

/**
 * What the clients saw, as far as the checks need it. The native runner keeps every booking and
 * every admit; an Artillery run, spread over machines, only brings back counters, so its bookings
 * come as a count and a digest (booking-digest.ts) and the admission order cannot be judged.
 */
export interface ClientView {
  bookings: { kind: 'each'; list: SeenBooking[] } | { kind: 'digest'; count: number; digest: number; perItem: Record<string, number> };
  replays: { total: number; wrong: number; example?: string };
  soldOutSeen: readonly string[];
  /** Per-visitor admit asks, for the admission-order check; absent when only counts travel. */
  visitors?: readonly VisitorRecord[];
  crashes: { count: number; first?: string };
}

/** Bookings the clients were told about, once each (a replay's 200 repeats its 201). */
export function distinctBookings(list: readonly SeenBooking[]): SeenBooking[] {
  return [...new Map(list.map((booking) => [booking.bookingId, booking])).values()];
}

export function clientViewOf(journal: JournalData): ClientView {
  const wrong = journal.replays.filter((replay) => replay.status !== 200 || replay.bookingId !== replay.firstBookingId);
  const first = wrong[0];
  return {
    bookings: { kind: 'each', list: distinctBookings(journal.bookings) },
    replays: {
      total: journal.replays.length,
      wrong: wrong.length,
      ...(first && { example: `key ${first.idempotencyKey}: HTTP ${first.status}, booking ${first.bookingId ?? 'none'} instead of ${first.firstBookingId}` }),
    },
    soldOutSeen: journal.soldOutSeen,
    visitors: journal.visitors,
    crashes: { count: journal.crashCount, ...(journal.crashes[0] !== undefined && { first: journal.crashes[0] }) },
  };
}
