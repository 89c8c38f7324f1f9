import type { ClientView } from '../checks/client-view.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import { counters } from './artillery-log.js';
import { METRIC_PREFIX } from './artillery-metrics.js';

/** The part of Artillery's `--output` JSON read here (`aggregate`: summed over every worker and machine). */
export interface ArtilleryOutput {
  aggregate: {
    counters?: Record<string, number>;
    summaries?: Record<string, { count: number; p50: number; p90: number; p99: number; max: number }>;
    firstCounterAt?: number;
    lastCounterAt?: number;
  };
}

export interface ArtilleryRun {
  client: ClientView;
  endpoints: Record<string, EndpointSummary>;
  counters: Record<string, number>;
  /** Seconds from the first metric to the last. */
  durationSeconds: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const suffixed = (all: Record<string, number>, prefix: string) =>
  Object.entries(all)
    .filter(([name]) => name.startsWith(`${prefix}.`))
    .map(([name, value]) => [name.slice(prefix.length + 1), value] as const);

/** What the processor's counters (artillery-log.ts, artillery-metrics.ts) say about the run, for the checks. */
export function readArtilleryRun(output: ArtilleryOutput): ArtilleryRun {
  const all = output.aggregate.counters ?? {};
  const summaries = output.aggregate.summaries ?? {};
  const durationSeconds = Math.max(1, ((output.aggregate.lastCounterAt ?? 0) - (output.aggregate.firstCounterAt ?? 0)) / 1000);
  const get = (name: string) => all[name] ?? 0;
  const endpoints: Record<string, EndpointSummary> = {};
  const requestCounter = new RegExp(`^${escape(METRIC_PREFIX)}\\.(.+)\\.requests$`);
  for (const name of Object.keys(all).sort()) {
    const endpoint = requestCounter.exec(name)?.[1];
    if (!endpoint) continue;
    const prefix = `${METRIC_PREFIX}.${endpoint}`;
    const latency = summaries[`${prefix}.response_time`];
    const requests = get(name);
    endpoints[endpoint] = {
      requests,
      rps: Math.round((requests / durationSeconds) * 10) / 10,
      p50: latency?.p50 ?? 0,
      p90: latency?.p90 ?? 0,
      p99: latency?.p99 ?? 0,
      max: latency?.max ?? 0,
      samples: latency?.count ?? 0,
      errors: get(`${prefix}.errors`),
      unexpected: get(`${prefix}.unexpected`),
      errorsByCode: Object.fromEntries(suffixed(all, `${prefix}.codes`).sort(([, a], [, b]) => b - a)),
    };
  }
  // A VU whose function threw never finished its visit: a bug of the tool, like a crash.
  const crashes = get(counters.crashes) + get('vusers.failed');
  const client: ClientView = {
    bookings: { kind: 'digest', count: get(counters.booked), digest: get(counters.bookingDigest), perItem: Object.fromEntries(suffixed(all, counters.bookedItem('').slice(0, -1))) },
    replays: { total: get(counters.replays), wrong: get(counters.replaysWrong) },
    soldOutSeen: suffixed(all, counters.soldOutSeen('').slice(0, -1)).map(([scope]) => scope),
    crashes: { count: crashes, ...(crashes > 0 && { first: 'see the Artillery output above (visitor crashed / vusers.failed)' }) },
  };
  return { client, endpoints, counters: all, durationSeconds };
}
