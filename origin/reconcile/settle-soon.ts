import { createPacedRun } from '../../core/index.js';
import { log } from '../logging/log.js';

/** At most one on-demand settle per event per this long. */
export const SETTLE_SOON_INTERVAL_MS = 1_000;

/**
 * Runs one event's reconciliation in the background when a request meets places held by attempts
 * that may be dead (`409 places_held`): the holds of an instance whose lease lapsed come back
 * before the buyer's retry, not at the next pass. Paced per event; a failure waits for the pass.
 */
export function createSettleSoon(settle: (eventId: string) => Promise<unknown>, intervalMs = SETTLE_SOON_INTERVAL_MS): (eventId: string) => void {
  const paced = new Map<string, () => Promise<void>>();
  return (eventId) => {
    let run = paced.get(eventId);
    if (!run) {
      // A handful of events sell at once; the map is cleared when it grows past them.
      if (paced.size >= 1_000) paced.clear();
      run = createPacedRun(async () => {
        await settle(eventId);
      }, intervalMs);
      paced.set(eventId, run);
    }
    run().catch((error: unknown) => log.warn({ eventId, err: (error as Error).message }, 'settle on demand failed'));
  };
}
