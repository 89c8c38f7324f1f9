import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import { parseMarker } from '../ledger/place-marker.js';
import { buildGateSnapshot } from './gate-snapshot.js';

export type GateRebuild = ReturnType<typeof createGateRebuild>;

/**
 * Rebuilds an event's gate from the ledger when the gate has no state for it (after FLUSHALL, an
 * eviction, or in a new process with the memory gate). Concurrent callers in this process share
 * one rebuild; across instances the gate's atomic load lets exactly one land.
 */
export function createGateRebuild({ gate, ledger }: Pick<OriginDeps, 'gate' | 'ledger'>) {
  const running = new Map<string, Promise<void>>();

  async function rebuild(record: EventRecord): Promise<void> {
    const [bookings, pending, counters] = await Promise.all([
      ledger.listBookingsByEvent(record.id),
      ledger.listPending(record.id),
      ledger.itemCounters(record.id),
    ]);
    const claimed = new Set(
      counters.flatMap((counter) => counter.markers.map(parseMarker)).flatMap((marker) => (marker?.kind === 'claim' ? [marker.bookingId] : [])),
    );
    await gate.load(record.id, buildGateSnapshot(record.items, bookings, pending, claimed));
  }

  /** Makes sure the gate holds the event before it answers for it. */
  async function ensureLoaded(record: EventRecord): Promise<void> {
    if (await gate.isLoaded(record.id)) return;
    let shared = running.get(record.id);
    if (!shared) {
      shared = rebuild(record).finally(() => running.delete(record.id));
      running.set(record.id, shared);
    }
    await shared;
  }

  return { ensureLoaded };
}
