import pLimit from 'p-limit';
import { eventPhase, type AdminEvent, type AdminEventListQuery, type AdminEventListResponse, type EventStatus } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { CatalogPosition } from '../ledger/ledger.js';
import { decodeCatalogCursor, encodeCatalogCursor } from './catalog-cursor.js';
import type { EventRecord } from './event-record.js';
import type { EventService } from './event-service.js';
import { readEventStats } from './event-stats.js';

/** Drops whose live state one request reads at once (each is a few store round trips). */
const READ_CONCURRENCY = 6;
/** Ledger page size while filtering by status, so a rare status does not cost a query per drop. */
const FILTER_CHUNK = 25;
/** Most drops a filtered request looks at before it answers a short page with a cursor. */
const FILTER_SCAN_MAX = 100;

/**
 * `GET /api/admin/events`: every drop, newest start first, with the stats route's figures. A page
 * of `limit` drops costs three ledger queries plus, per drop, the live read and one item-counter
 * query, run `READ_CONCURRENCY` at a time. With `status`, the drops whose status the record and
 * the clock settle (closed, scheduled, pre-queue) are judged without reading their live state; the
 * rest are read, and a page stops after `FILTER_SCAN_MAX` drops looked at.
 */
export function createAdminEventList(deps: Pick<OriginDeps, 'ledger' | 'clock'>, events: Pick<EventService, 'live' | 'present'>) {
  const reads = { live: events.live, ledger: deps.ledger };

  /** The status the record and the clock decide alone, or undefined when it takes the live state. */
  function settledStatus(record: EventRecord): EventStatus | undefined {
    const phase = eventPhase(record, deps.clock.now());
    if (record.closed || phase === 'ended') return 'closed';
    return phase === 'open' ? undefined : phase;
  }

  async function entry(record: EventRecord, wanted: EventStatus | undefined): Promise<AdminEvent | undefined> {
    const settled = wanted && settledStatus(record);
    if (settled && settled !== wanted) return undefined;
    const known = wanted ? await events.live(record) : undefined;
    if (known && known.status !== wanted) return undefined;
    const { live, stats } = await readEventStats(record, reads, known);
    const { tailSeq, servingSeq, waiting, prequeued, active, admitted, booked, remaining } = stats;
    return { ...events.present(record, live), stats: { tailSeq, servingSeq, waiting, prequeued, active, admitted, booked, remaining } };
  }

  return async function list({ limit, cursor, status }: AdminEventListQuery): Promise<AdminEventListResponse> {
    const limiter = pLimit(READ_CONCURRENCY);
    const found: AdminEvent[] = [];
    let before: CatalogPosition | undefined = cursor ? decodeCatalogCursor(cursor) : undefined;
    let scanned = 0;
    for (;;) {
      const page = await deps.ledger.listEventsNewestFirst({ limit: status ? Math.max(limit, FILTER_CHUNK) : limit, ...(before && { before }) });
      const entries = await Promise.all(page.events.map((record) => limiter(() => entry(record, status))));
      for (const [index, record] of page.events.entries()) {
        const listed = entries[index];
        if (listed) found.push(listed);
        if (found.length === limit) {
          const more = index < page.events.length - 1 || page.next !== undefined;
          return { events: found, ...(more && { nextCursor: encodeCatalogCursor(record) }) };
        }
      }
      scanned += page.events.length;
      if (!page.next) return { events: found };
      before = page.next;
      if (scanned >= FILTER_SCAN_MAX) return { events: found, nextCursor: encodeCatalogCursor(before) };
    }
  };
}
