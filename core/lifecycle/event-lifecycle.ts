import type { EventStatus } from '../api/event.js';
import { eventPhase, type EventSchedule } from './event-phase.js';

/**
 * Everything an event's status depends on, as stored: the operator's record, the queue's
 * counters and the inventory's summary. The caller reads them; this module decides.
 */
export interface LifecycleFacts {
  schedule: EventSchedule;
  /** Operator knobs from the ledger record. */
  paused: boolean;
  closed: boolean;
  /** Whether the pre-queue has been drawn into places; registrants still waiting for the draw. */
  drawn: boolean;
  prequeued: number;
  /** Places nobody holds, summed over the event's items (firm bookings only count as taken). */
  remaining: number;
}

/** An item's places as the inventory counts them; provisional bookings may still be released. */
export interface ItemPlaces {
  capacity: number;
  booked: number;
  provisional: number;
}

/** Places of an item not firmly taken: a provisional booking may still fall through. */
export const firmPlacesLeft = (item: ItemPlaces): number => Math.max(0, item.capacity - item.booked + item.provisional);

/**
 * The one place an event's status is computed (docs/decisions/0008-event-lifecycle.md):
 *
 *   scheduled → prequeue → drawing → open ⇄ paused;  open ⇄ soldout;  any → closed
 *
 * Time drives the first steps, the draw ends `drawing`, the operator pauses and closes, and the
 * inventory decides `soldout` (a cancel reopens it).
 */
export function eventStatus(facts: LifecycleFacts, now: number): EventStatus {
  const phase = eventPhase(facts.schedule, now);
  if (facts.closed || phase === 'ended') return 'closed';
  if (phase !== 'open') return phase;
  if (!facts.drawn && facts.prequeued > 0) return 'drawing';
  if (facts.remaining <= 0) return 'soldout';
  return facts.paused ? 'paused' : 'open';
}

/** Every status change the lifecycle allows; `closed` is final. */
export const eventTransitions: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  scheduled: ['prequeue', 'drawing', 'open', 'paused', 'soldout', 'closed'],
  prequeue: ['drawing', 'open', 'paused', 'soldout', 'closed'],
  drawing: ['open', 'paused', 'soldout', 'closed'],
  open: ['paused', 'soldout', 'closed'],
  paused: ['open', 'soldout', 'closed'],
  soldout: ['open', 'paused', 'closed'],
  closed: [],
};

export function canTransition(from: EventStatus, to: EventStatus): boolean {
  return from === to || eventTransitions[from].includes(to);
}

/** Whether bookings may be attempted: the sale runs while open or paused (admitted visitors finish). */
export const sellsPlaces = (status: EventStatus): boolean => status === 'open' || status === 'paused' || status === 'soldout';
