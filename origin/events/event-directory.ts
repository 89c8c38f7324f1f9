import { AppError } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { EventRecord } from './event-record.js';

const CACHE_MS = 1_000;

export type EventDirectory = ReturnType<typeof createEventDirectory>;

/**
 * Event records from the ledger, kept a second in memory: one ledger read per event however many
 * requests miss the cache at once (a flash crowd arrives in the same millisecond). Reads only.
 */
export function createEventDirectory({ ledger, clock }: Pick<OriginDeps, 'ledger' | 'clock'>) {
  const cache = new Map<string, { record: EventRecord; at: number }>();
  const reading = new Map<string, Promise<EventRecord>>();

  async function find(eventId: string): Promise<EventRecord> {
    const hit = cache.get(eventId);
    if (hit && clock.now() - hit.at < CACHE_MS) return hit.record;
    let loading = reading.get(eventId);
    if (!loading) {
      loading = ledger
        .getEvent(eventId)
        .then((record) => {
          if (!record) throw new AppError('event_not_found');
          cache.set(eventId, { record, at: clock.now() });
          return record;
        })
        .finally(() => reading.delete(eventId));
      reading.set(eventId, loading);
    }
    return loading;
  }

  /** After a write of the record: later finds see it at once in this instance. */
  const remember = (record: EventRecord) => cache.set(record.id, { record, at: clock.now() });
  const forget = (eventId: string) => cache.delete(eventId);

  return { find, remember, forget };
}
