import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestLine } from '../../core/index.js';

/** Latency buckets (seconds): sub-millisecond reads up to the booking timeout's order. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type StoreName = 'redis' | 'dynamodb';

export interface OriginMetricsOptions {
  /** Wall-clock ms, the timebase of `reconciled(at)`. @default Date.now */
  now?: () => number;
}

/**
 * The origin's counters in one prom-client registry: the Node server serves it on its metrics
 * listener (`core/node/serve-metrics.ts`), the Lambda prints the funnel as EMF (`app-metrics.ts`).
 */
export function createOriginMetrics(options: OriginMetricsOptions = {}) {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  registry.setDefaultLabels({ role: 'origin' });
  const registers = [registry];
  const requests = new Counter({ name: 'banjjak_http_requests_total', help: 'Answered HTTP requests', labelNames: ['method', 'route', 'status'] as const, registers });
  const latency = new Histogram({ name: 'banjjak_http_request_duration_seconds', help: 'Time to answer, in seconds', labelNames: ['method', 'route'] as const, buckets: LATENCY_BUCKETS, registers });
  let lastReconciled = now();

  const metrics = {
    registry,
    joins: new Counter({ name: 'banjjak_joins_total', help: 'Joins answered with a place (new or found again)', registers }),
    admits: new Counter({ name: 'banjjak_admits_total', help: 'Turns traded for an access token', registers }),
    bookings: new Counter({ name: 'banjjak_bookings_total', help: 'Booking answers by outcome: created, replayed, or the refusal code', labelNames: ['outcome'] as const, registers }),
    soldOut: new Counter({ name: 'banjjak_sold_out_total', help: 'Answers refused as sold_out (join, admit or booking)', registers }),
    queueDepth: new Gauge({ name: 'banjjak_queue_depth', help: 'Visitors holding a place not yet let in (tailSeq - servingSeq), as last read', labelNames: ['event'] as const, registers }),
    /**
     * HLS files served, by channel, rendition (`master` for the multivariant playlist) and kind
     * (`master`, `playlist`, `segment`): what a crowd of viewers costs the origin once the edge and
     * the CDN have collapsed it. Only files that exist are counted, so the labels stay the configured ones.
     */
    hlsRequests: new Counter({ name: 'banjjak_hls_requests_total', help: 'HLS files served by the origin, by channel, rendition and kind (master, playlist, segment)', labelNames: ['channel', 'rendition', 'kind'] as const, registers }),
    storeErrors: new Counter({ name: 'banjjak_store_errors_total', help: 'Failed Redis commands and DynamoDB requests (conditional-check refusals are answers, not errors)', labelNames: ['store'] as const, registers }),
    /** One answered request. */
    request(line: RequestLine): void {
      requests.inc({ method: line.method, route: line.route, status: String(line.status) });
      latency.observe({ method: line.method, route: line.route }, line.ms / 1000);
    },
    /** A reconcile pass that settled every event, at `at` (ms). */
    reconciled(at: number): void {
      lastReconciled = at;
    },
  };
  new Gauge({
    name: 'banjjak_reconcile_lag_seconds',
    help: 'Seconds since the last reconcile pass that settled every event (since start when none has)',
    registers,
    collect() {
      this.set(Math.max(0, now() - lastReconciled) / 1000);
    },
  });
  return metrics;
}

export type OriginMetrics = ReturnType<typeof createOriginMetrics>;

/** One process, one registry: the Redis runner, the ledger client and the HTTP layer count into it. */
export const originMetrics = createOriginMetrics();
