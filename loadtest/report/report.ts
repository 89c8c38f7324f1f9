import type { EventStats } from '../../core/index.js';
import type { Invariant } from '../checks/invariant.js';
import type { Sample } from '../client/load-client.js';
import type { Outcome } from '../journey/index.js';
import type { EndpointSummary, IntervalPoint } from '../metrics/endpoint-metrics.js';

/** The queue as the operator stats showed it at one sample. */
export interface QueueSample {
  waiting: number;
  active: number;
  admitted: number;
  booked: number;
  remaining: number;
  servingSeq: number;
  tailSeq: number;
}

/** One second of the run. */
export interface TimelinePoint {
  /** Seconds since the run started (end of the interval). */
  t: number;
  endpoints: Record<string, IntervalPoint>;
  /** Non-2xx answers in the interval by code. */
  errors: Record<string, number>;
  visitors: { joined: number; admitted: number; booked: number; done: number };
  queue?: QueueSample;
}

/** report.json: everything the HTML shows, readable by scripts that compare runs. */
export interface Report {
  scenario: string;
  description: string;
  target: string;
  eventId: string;
  startedAt: string;
  finishedAt: string;
  /** Seconds from the first request of the scenario to the end of its last journey. */
  durationSeconds: number;
  config: {
    visitors: number;
    seats: number;
    ratePerMinute: number;
    concurrency: number;
    maxRequests: number;
    durationSeconds: number;
    budgetSeconds: number;
    /** Worker threads that played the visitors. */
    workers: number;
    burstSeconds?: number;
    rps?: number;
  };
  ok: boolean;
  totals: { requests: number; rps: number; errors: number; unexpected: number };
  endpoints: Record<string, EndpointSummary>;
  errorsByCode: Record<string, number>;
  visitors: { total: number; joined: number; admitted: number; booked: number; outcomes: Record<Outcome, number> };
  /** Operator stats after the run. */
  final: EventStats | null;
  invariants: Invariant[];
  /** Request/response pairs of unexpected answers (tokens are never recorded). */
  samples: Sample[];
  /** What cut the run short, if anything. */
  notes: string[];
  timeline: TimelinePoint[];
}
