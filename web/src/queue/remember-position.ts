import type { QueueTicket } from './queue-ticket-store.js';

/**
 * The ticket after the server said `position`: the first position is kept (progress is drawn from
 * it) and the lowest one lowered. Positions can come back higher than before (an edge whose state
 * copy is a second older, a retried request answered late); people read that as "I was pushed
 * back", so the screen never shows more than the lowest seen for this seq.
 */
export function rememberPosition(ticket: QueueTicket, position: number | null): QueueTicket {
  if (position === null) return ticket;
  const firstPosition = ticket.firstPosition ?? position;
  const lowestPosition = Math.min(ticket.lowestPosition ?? position, position);
  if (firstPosition === ticket.firstPosition && lowestPosition === ticket.lowestPosition) return ticket;
  return { ...ticket, firstPosition, lowestPosition };
}

/** The position to show: never above the lowest already seen for this ticket. */
export function shownPosition(ticket: QueueTicket | undefined, position: number | null): number | null {
  if (position === null) return null;
  const lowest = ticket?.lowestPosition;
  return lowest === undefined ? position : Math.min(lowest, position);
}

/**
 * The ticket a join gives back, carrying what we remember of the place. The same identity rejoins
 * into the same seq (a stale token, a reload), and then it is the same place, so its lowest position
 * stays; a new seq is a genuinely new place (the pre-queue was drawn, the old place lapsed) and
 * starts afresh.
 */
export function carryPlace(previous: QueueTicket | undefined, next: QueueTicket): QueueTicket {
  if (!previous || previous.seq === null || previous.seq !== next.seq) return next;
  const carried: QueueTicket = { ...next };
  if (previous.firstPosition !== undefined) carried.firstPosition = previous.firstPosition;
  if (previous.lowestPosition !== undefined) carried.lowestPosition = previous.lowestPosition;
  return carried;
}
