import { pino, type DestinationStream, type Level } from 'pino';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../../core/index.js';
import { createBufferedStdout } from '../../core/node/index.js';
import type { EdgeObserver } from '../edge-observer.js';

/** The same buckets as the origin's, so the two latency panels compare. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface NodeTelemetryOptions {
  level?: Level | 'silent';
  /** @default stdout, lines gathered into 4 KB writes (call `flushLog` at exit) */
  destination?: DestinationStream;
  /** Node's own process metrics (CPU, heap, event-loop lag) beside ours. @default true */
  processMetrics?: boolean;
}

/**
 * The Node front door's observer: JSON lines with pino (credentials censored as on the origin)
 * and prom-client counters in a registry of its own, served on the metrics listener only. The
 * Lambda@Edge and Workers bundles never import this file.
 */
export function createNodeTelemetry(options: NodeTelemetryOptions = {}) {
  const stdout = options.destination ? undefined : createBufferedStdout();
  const log = pino(
    { level: options.level ?? 'info', base: { role: 'edge' }, redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACT_CENSOR } },
    options.destination ?? stdout!.stream,
  );
  // Request lines hold only what observeRequests puts there (a checked id, method, route pattern,
  // status, ms): no secret to censor, and the wildcard redaction costs ~35 µs a line.
  const requestLog = log.child({}, { redact: [] });
  const registry = new Registry();
  registry.setDefaultLabels({ role: 'edge' });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'banjjak_http_requests_total', help: 'Answered HTTP requests', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({ name: 'banjjak_http_request_duration_seconds', help: 'Time to answer, in seconds', labelNames: ['method', 'route'] as const, buckets: LATENCY_BUCKETS, registers: [registry] });

  const observer: EdgeObserver = {
    request(line) {
      requests.inc({ method: line.method, route: line.route, status: String(line.status) });
      latency.observe({ method: line.method, route: line.route }, line.ms / 1000);
      requestLog.info(line, 'request');
    },
    fault(requestId, error) {
      log.error({ requestId, err: error }, 'edge error');
    },
  };
  return { log, registry, observer, flushLog: () => stdout?.flush() };
}
