import type { OriginDeps } from '../deps.js';
import type { PendingBooking } from '../ledger/ledger.js';
import type { ReconcileReport } from './reconcile-report.js';

/**
 * Journal entries past their deadline, or whose instance's lease has lapsed (it died: its
 * requests are gone, no need to wait for the deadline): the request that wrote them crashed or stalled. First the
 * booking id is fenced (an abort record, unless the booking exists), so a stalled request can
 * never write it afterwards; then what the attempt held at the gate goes back, then the entry.
 * Its counter claim, if it made one, is a marker that `settleMarkers` reverts.
 * Returns the entries still live (their requests may be working on them).
 */
export async function settleJournal(deps: Pick<OriginDeps, 'ledger' | 'gate' | 'lease'>, eventId: string, now: number, report: ReconcileReport): Promise<PendingBooking[]> {
  const { ledger, gate } = deps;
  const live: PendingBooking[] = [];
  const lapsed = ownersLapsed(deps, now);
  for (const entry of await ledger.listPending(eventId)) {
    if (entry.deadline > now && !(entry.owner && (await lapsed(entry.owner)))) {
      live.push(entry);
      continue;
    }
    const bookingId = entry.booking.id;
    const state = await ledger.abortBooking(bookingId, new Date(now).toISOString());
    if (state.kind === 'booking') {
      report.attemptsSettled += 1;
    } else {
      if (await gate.release({ eventId, bookingId, forgetKey: true })) report.gateReleased += 1;
      report.attemptsAborted += 1;
    }
    await ledger.deletePending(eventId, bookingId);
  }
  return live;
}

/** Whether an owner's lease has lapsed, each owner read once per pass. */
function ownersLapsed(deps: Pick<OriginDeps, 'lease'>, now: number): (owner: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (owner) => {
    if (!deps.lease) return Promise.resolve(false);
    let answer = known.get(owner);
    if (!answer) known.set(owner, (answer = deps.lease.hasLapsed(owner, now)));
    return answer;
  };
}
