import type { OriginDeps } from '../deps.js';
import { alignGate } from './align-gate.js';
import { recountItems } from './recount-items.js';
import type { ReconcileReport } from './reconcile-report.js';
import { settleJournal } from './settle-journal.js';
import { settleMarkers } from './settle-markers.js';

export type ReconcileDeps = Pick<OriginDeps, 'ledger' | 'gate' | 'settings' | 'lease'>;

/**
 * One event, in dependency order: each step reads what the previous one left. Returns whether
 * the ledger was left with nothing open: no attempt in flight, no marker, no drift note (the
 * caller also checks that `report` shows no change before it calls the event clean).
 */
export async function reconcileEvent(deps: ReconcileDeps, eventId: string, now: number, report: ReconcileReport): Promise<boolean> {
  const { ledger } = deps;
  const live = await settleJournal(deps, eventId, now, report);
  await settleMarkers(deps, eventId, await ledger.itemCounters(eventId), now, report);
  const [counters, bookings] = await Promise.all([ledger.itemCounters(eventId), ledger.listBookingsByEvent(eventId)]);
  await recountItems(deps, eventId, counters, bookings, live, now, report);
  const settled = await ledger.itemCounters(eventId);
  await alignGate(deps, eventId, settled, live, now, report);
  return live.length === 0 && settled.every((counter) => counter.markers.length === 0 && counter.drift === undefined);
}
