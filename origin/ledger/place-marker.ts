/**
 * The string an item counter keeps (in its `inflight` string set) for every change of its count
 * that is not settled yet, so the change can be finished or undone exactly once by whoever gets
 * there first, the request or the reconciler (docs/decisions/0006-booking-journal-and-reconciliation.md):
 *
 * - claim `+<bookingId>.<quantity>.<deadline>`: the count already includes the places; settled
 *   (dropped) once the booking is written, reverted (dropped and subtracted) if it never will be.
 * - return `-<bookingId>.<quantity>.<deadline>.<nonce>`: a cancel is about to give the places
 *   back; reverted once the booking is cancelled by the cancel that wrote this marker into it,
 *   dropped otherwise. The nonce tells two racing cancels of one booking apart.
 *
 * Booking ids are `[A-Za-z0-9_-]`, so `.` separates safely.
 */
export interface PlaceMarker {
  kind: 'claim' | 'return';
  bookingId: string;
  quantity: number;
  /** ms since the epoch: until then the request may still be working on it. */
  deadline: number;
  nonce?: string;
}

export function formatMarker(marker: PlaceMarker): string {
  const base = `${marker.kind === 'claim' ? '+' : '-'}${marker.bookingId}.${marker.quantity}.${marker.deadline}`;
  return marker.kind === 'return' ? `${base}.${marker.nonce ?? '0'}` : base;
}

export function parseMarker(text: string): PlaceMarker | undefined {
  const match = /^([+-])([A-Za-z0-9_-]+)\.(\d+)\.(\d+)(?:\.([A-Za-z0-9_-]+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, bookingId, quantity, deadline, nonce] = match;
  const kind = sign === '+' ? 'claim' : 'return';
  return { kind, bookingId: bookingId!, quantity: Number(quantity), deadline: Number(deadline), ...(kind === 'return' && { nonce: nonce ?? '0' }) };
}
