import type { EventStats } from '../../core/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventLive } from './event-reads.js';
import type { EventRecord } from './event-record.js';

/**
 * An event's operator figures (`GET /api/admin/events/:eventId/stats`, and each drop of
 * `GET /api/admin/events`): the queue as `live` read it, bookings from the ledger's item counters
 * (one query of the event's partition, never its bookings one by one).
 */
export async function readEventStats(
  record: EventRecord,
  reads: { live: (record: EventRecord) => Promise<EventLive>; ledger: Pick<Ledger, 'itemCounts'> },
  known?: EventLive,
): Promise<{ live: EventLive; stats: EventStats }> {
  const [live, counts] = await Promise.all([known ?? reads.live(record), reads.ledger.itemCounts(record.id)]);
  return { live, stats: eventStats(record, live, counts) };
}

function eventStats(record: EventRecord, { status, snapshot }: EventLive, counts: Map<string, number>): EventStats {
  const items = record.items.map((item) => {
    const booked = counts.get(item.id) ?? 0;
    return { id: item.id, capacity: item.capacity, booked, remaining: item.capacity - booked };
  });
  return {
    eventId: record.id,
    status,
    tailSeq: snapshot.tailSeq,
    servingSeq: snapshot.servingSeq,
    waiting: Math.max(0, snapshot.tailSeq - snapshot.servingSeq),
    prequeued: snapshot.prequeued,
    active: snapshot.active,
    admitted: snapshot.admitted,
    booked: items.reduce((sum, item) => sum + item.booked, 0),
    remaining: items.reduce((sum, item) => sum + item.remaining, 0),
    items,
  };
}
