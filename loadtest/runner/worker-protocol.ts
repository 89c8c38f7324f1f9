import type { EventView } from '../../core/index.js';
import type { RunOptions } from '../args.js';
import type { Sample } from '../client/load-client.js';
import type { JournalData, JourneyCounts } from '../journal/visitor-journal.js';
import type { EndpointSnapshot, IntervalSnapshot } from '../metrics/endpoint-metrics.js';
import type { WorkerShare } from '../scenarios/scenario.js';

/** `workerData` of one load worker. */
export interface WorkerSetup {
  options: RunOptions;
  event: EventView;
  share: WorkerShare;
  /** This worker's sockets and request budget (the run's, split). */
  connections: number;
  maxRequests: number;
}

export interface WorkerResult {
  journal: JournalData;
  endpoints: Record<string, EndpointSnapshot>;
  samples: Sample[];
  sent: number;
}

export interface IntervalReport {
  /** Seconds since the run started, rounded: the key the main thread merges the workers' seconds by. */
  tick: number;
  interval: IntervalSnapshot;
  counts: JourneyCounts;
  sent: number;
  unexpected: number;
}

/** What a worker sends; the playback scenario's worker reports its own interval and result shapes. */
export type FromWorker<Result = WorkerResult, Interval = IntervalReport> =
  | { type: 'ready' }
  | ({ type: 'interval' } & Interval)
  | { type: 'barrier'; name: string }
  | { type: 'say'; line: string }
  | { type: 'done'; result: Result }
  | { type: 'failed'; error: string };

export type ToWorker =
  /** Start now; `epochMs` is the run's zero on the shared clock (run-clock.ts). */
  | { type: 'go'; epochMs: number }
  | { type: 'release'; name: string }
  /** The time budget is spent (or Ctrl-C): visits stop, the worker reports. */
  | { type: 'stop'; reason: string }
  /** The wall-time cap: requests in flight are cut too. */
  | { type: 'abort'; reason: string };
