import type { EventRecord } from '../events/event-record.js';
import type { Ledger, WatchedEvent } from '../ledger/ledger.js';
import { log } from '../logging/log.js';
import type { ReconcileDeps } from './reconcile-event.js';
import type { ReconcileReport } from './reconcile-report.js';

/**
 * An open event whose sale is still more than a booking timeout away: nothing can have written a
 * journal entry, a marker or a booking yet (the margin covers instances whose clocks run ahead).
 */
const upcoming = (record: EventRecord, now: number, bookingTimeoutMs: number): boolean =>
  !record.closed && Date.parse(record.startsAt) - now > bookingTimeoutMs;

/** Whether a settled event holds anything to settle: two small reads, never its bookings. */
async function needsWork(ledger: Ledger, eventId: string): Promise<boolean> {
  const [pending, counters] = await Promise.all([ledger.listPending(eventId), ledger.itemCounters(eventId)]);
  return pending.length > 0 || counters.some((counter) => counter.markers.length > 0 || counter.drift !== undefined);
}

/**
 * The events a pass visits (docs/decisions/0006, "Which events a pass visits"): every event not
 * set aside as settled, but those whose sale is still ahead. Once per `reconcileSweepMs` across
 * all instances, a pass also probes each settled event's journal and counters, so even a request
 * that stalled for longer than the watch cannot leave anything behind for good; a settled event
 * found with work is watched again and visited at once.
 */
export async function eventsToVisit(deps: ReconcileDeps, now: number, report: ReconcileReport): Promise<WatchedEvent[]> {
  const { ledger, settings } = deps;
  const [watched, sweep] = await Promise.all([ledger.listEventsToReconcile(), ledger.claimSweep(now, settings.reconcileSweepMs)]);
  const visits = watched.filter((entry) => !upcoming(entry.record, now, settings.bookingTimeoutMs));
  if (!sweep) return visits;
  for (const entry of await ledger.listSettledEvents()) {
    const { id } = entry.record;
    report.eventsProbed += 1;
    try {
      if (!(await needsWork(ledger, id))) continue;
      await ledger.noteEventActivity(id, now);
      visits.push({ ...entry, settled: false, activeAt: now });
    } catch (error) {
      report.failed.push(id);
      log.warn({ eventId: id, err: error }, 'reconcile: probe of a settled event failed');
    }
  }
  return visits;
}

/**
 * After a visit of a closed event: its first one starts the watch (`activeAt`); a clean visit at
 * least `closedWatchMs` (and a booking timeout) after the last activity sets it aside. Both writes
 * are conditional on the record and the watch being as read, so a cancel or an operator's write
 * racing with the pass keeps the event watched.
 */
export async function setAsideIfSettled(deps: ReconcileDeps, entry: WatchedEvent, clean: boolean, now: number, report: ReconcileReport): Promise<void> {
  const { ledger, settings } = deps;
  const { record, activeAt } = entry;
  if (!record.closed) return;
  if (activeAt === undefined) {
    await ledger.watchClosedEvent(record.id, record.version, now);
    return;
  }
  const quietFor = Math.max(settings.closedWatchMs, settings.bookingTimeoutMs);
  if (clean && now - activeAt >= quietFor && (await ledger.settleEvent(record.id, record.version, activeAt))) report.eventsSettled += 1;
}
