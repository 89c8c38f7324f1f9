import type { JourneyClient } from '../client/request-with-retry.js';
import type { JourneyLog } from './journey-log.js';

/** What a visit needs: the same in a worker thread of `npm run loadtest` and in an Artillery VU. */
export interface JourneyContext {
  client: JourneyClient;
  log: JourneyLog;
  eventId: string;
  /** Aborts when the run ends: visits still under way stop there. */
  signal: AbortSignal;
}
