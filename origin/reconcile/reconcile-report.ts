/** What one reconciliation pass did; all zeros on a healthy system. */
export interface ReconcileReport {
  events: number;
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
  const { events: _events, failed, ...counts } = report;
  return failed.length > 0 || Object.values(counts).some((count) => count > 0);
}
