import type { Ledger } from '../ledger/ledger.js';

/** How long an instance reuses one read of an event's item counters to confirm sold-out answers. */
export const SOLD_OUT_CHECK_MS = 500;

/**
 * The gate says "sold out" when its count is full and no provisional hold could fall through; its
 * count may still hold places of attempts that died after their firm reserve (DESIGN.md §4
 * invariant 7). The ledger tells them apart: an item is truly sold out when its counter is full
 * with no claim in flight (no marker). One counter read per event per SOLD_OUT_CHECK_MS of real
 * time, so a sold-out storm costs the ledger a couple of reads a second per instance.
 */
export function createSoldOutCheck(ledger: Pick<Ledger, 'itemCounters'>, now: () => number = Date.now) {
  const reads = new Map<string, { at: number; counters: ReturnType<Ledger['itemCounters']> }>();
  const countersOf = (eventId: string) => {
    const cached = reads.get(eventId);
    if (cached && now() - cached.at <= SOLD_OUT_CHECK_MS) return cached.counters;
    if (reads.size >= 1_000) reads.clear();
    const counters = ledger.itemCounters(eventId);
    reads.set(eventId, { at: now(), counters });
    counters.catch(() => reads.delete(eventId));
    return counters;
  };

  /** Whether `quantity` more of the item can never be had: full, and nothing in flight. A failed read answers no. */
  return async function isTrulySoldOut(eventId: string, itemId: string, quantity: number): Promise<boolean> {
    try {
      const counter = (await countersOf(eventId)).find((candidate) => candidate.itemId === itemId);
      return counter === undefined || (counter.markers.length === 0 && counter.booked + quantity > counter.capacity);
    } catch {
      return false;
    }
  };
}
