import type { WatchedEvent } from '../ledger/ledger.js';
import { log } from '../logging/log.js';
import { eventsToVisit, setAsideIfSettled } from './events-to-visit.js';
import { reconcileEvent, type ReconcileDeps } from './reconcile-event.js';
import { addReport, changedAnything, emptyReport, type ReconcileReport } from './reconcile-report.js';

export type { ReconcileDeps } from './reconcile-event.js';

/** One event's visit, reported on its own first: only a visit that changed nothing may set it aside. */
async function visit(deps: ReconcileDeps, entry: WatchedEvent, now: number, report: ReconcileReport): Promise<void> {
  const own = emptyReport();
  try {
    const clean = await reconcileEvent(deps, entry.record.id, now, own);
    await setAsideIfSettled(deps, entry, clean && !changedAnything(own), now, own);
  } catch (error) {
    // One event's trouble (say Redis briefly away) must not hold up the others.
    own.failed.push(entry.record.id);
    log.warn({ eventId: entry.record.id, err: error }, 'reconcile: event failed');
  } finally {
    addReport(report, own);
  }
}

/**
 * Brings the ledger and gate of every event that may need it back into agreement after crashes:
 * settles booking attempts past their deadline, finishes or undoes unsettled counter changes,
 * fixes counters that drifted from their bookings, and makes the gate hold exactly the places the
 * ledger backs (docs/decisions/0006-booking-journal-and-reconciliation.md). Closed events that
 * stayed clean and quiet are set aside and cost nothing per pass (`events-to-visit.ts`). Every
 * write it makes is conditional or idempotent, so passes may overlap, across instances too. Time
 * is `now`, not a clock read, so tests drive it.
 */
export async function reconcile(deps: ReconcileDeps, now: number): Promise<ReconcileReport> {
  const report = emptyReport();
  for (const entry of await eventsToVisit(deps, now, report)) {
    report.events += 1;
    await visit(deps, entry, now, report);
  }
  return report;
}
