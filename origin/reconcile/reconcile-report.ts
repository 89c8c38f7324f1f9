/** What one reconciliation pass did; all zeros on a healthy system. */
export interface ReconcileReport {
  /** Events visited (docs/decisions/0006, "Which events a pass visits"). */
  events: number;
  /** Settled events whose journal and counters a sweep checked (bookings are not read). */
  eventsProbed: number;
  /** Closed events found clean and quiet, set aside: later passes skip them. */
  eventsSettled: number;
  /** Journal entries past their deadline whose booking was written: just dropped. */
  attemptsSettled: number;
  /** Journal entries past their deadline with no booking: fenced, places released. */
  attemptsAborted: number;
  /** Counter markers dropped with the count kept (the booking exists, or nothing to return). */
  markersSettled: number;
  /** Counter markers undone (a claim that never became a booking) or finished (a cancel's return). */
  markersReverted: number;
  /** Counters seen disagreeing with their bookings, noted for a later pass. */
  driftNoted: number;
  /** Counters set to the recount after the disagreement held. */
  countersFixed: number;
  /** Gate reservations released that the ledger does not back (due provisional ones included). */
  gateReleased: number;
  /** Ledger-confirmed bookings put back into the gate. */
  gateRestored: number;
  /** Events whose pass failed (retried next pass). */
  failed: string[];
}

export const emptyReport = (): ReconcileReport => ({
  events: 0,
  eventsProbed: 0,
  eventsSettled: 0,
  attemptsSettled: 0,
  attemptsAborted: 0,
  markersSettled: 0,
  markersReverted: 0,
  driftNoted: 0,
  countersFixed: 0,
  gateReleased: 0,
  gateRestored: 0,
  failed: [],
});

/** Whether the pass changed anything worth a log line. */
export function changedAnything(report: ReconcileReport): boolean {
  const { events: _events, eventsProbed: _probed, failed, ...counts } = report;
  return failed.length > 0 || Object.values(counts).some((count) => count > 0);
}

/** Adds one event's part of a pass to the pass's report. */
export function addReport(total: ReconcileReport, part: ReconcileReport): void {
  const { failed, ...counts } = part;
  for (const [name, count] of Object.entries(counts)) total[name as keyof typeof counts] += count;
  total.failed.push(...failed);
}
