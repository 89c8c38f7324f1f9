import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import { alignGate } from './align-gate.js';
import { recountItems } from './recount-items.js';
import { emptyReport, type ReconcileReport } from './reconcile-report.js';
import { settleJournal } from './settle-journal.js';
import { settleMarkers } from './settle-markers.js';

export type ReconcileDeps = Pick<OriginDeps, 'ledger' | 'gate' | 'settings'>;

/** One event, in dependency order: each step reads what the previous one left. */
async function reconcileEvent(deps: ReconcileDeps, record: EventRecord, now: number, report: ReconcileReport): Promise<void> {
  const { ledger } = deps;
  const live = await settleJournal(deps, record.id, now, report);
  await settleMarkers(deps, record.id, await ledger.itemCounters(record.id), now, report);
  const [counters, bookings] = await Promise.all([ledger.itemCounters(record.id), ledger.listBookingsByEvent(record.id)]);
  await recountItems(deps, record.id, counters, bookings, live, now, report);
  await alignGate(deps, record.id, await ledger.itemCounters(record.id), live, now, report);
}

/**
 * Brings every event's ledger and gate back into agreement after crashes: settles booking
 * attempts past their deadline, finishes or undoes unsettled counter changes, fixes counters that
 * drifted from their bookings, and makes the gate hold exactly the places the ledger backs
 * (docs/decisions/0006-booking-journal-and-reconciliation.md). Every write it makes is
 * conditional or idempotent, so passes may overlap, across instances too. Time is `now`, not a
 * clock read, so tests drive it.
 */
export async function reconcile(deps: ReconcileDeps, now: number): Promise<ReconcileReport> {
  const report = emptyReport();
  for (const record of await deps.ledger.listEvents()) {
    report.events += 1;
    try {
      await reconcileEvent(deps, record, now, report);
    } catch (error) {
      // One event's trouble (say Redis briefly away) must not hold up the others.
      report.failed.push(record.id);
      console.warn(`reconcile: event ${record.id} failed:`, (error as Error).message);
    }
  }
  return report;
}
