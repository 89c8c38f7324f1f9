import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** How an answer counts: `expected` errors are part of the protocol (not_ready, sold_out...). */
export type AnswerKind = 'ok' | 'expected' | 'unexpected';

export interface Answer {
  endpoint: string;
  /** From when the request was meant to be sent (RequestSpec.intendedAt) to its last byte. */
  latencyMs: number;
  status: number;
  /**
   * problem+json `code`, `http_<status>` when absent; `network_error` / `timeout` with no answer,
   * `body_aborted` when the body was cut after the headers, `malformed_body` for a 2xx of the wrong shape.
   */
  code: string | undefined;
  kind: AnswerKind;
  /** The loop's wait between sends (a poll's `refreshAfterMs`), for HdrHistogram's correction. */
  expectedIntervalMs?: number;
}

/** Where a client reports its answers: the endpoint metrics here, or Artillery's (artillery/artillery-metrics.ts). */
export interface MetricsSink {
  record(answer: Answer): void;
}

export interface EndpointSummary {
  requests: number;
  /** Requests per second over the endpoint's active window (its first request to its last answer). */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Values behind the percentiles: `requests` plus the ones the coordinated-omission correction added. */
  samples: number;
  /** Every answer that was not 2xx, expected protocol answers included (see errorsByCode). */
  errors: number;
  /** 5xx, network errors, timeouts and 4xx codes the protocol does not foresee for this call. */
  unexpected: number;
  errorsByCode: Record<string, number>;
}

export interface IntervalPoint {
  requests: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
}

/** One endpoint's figures as plain data (the histogram HdrHistogram-encoded), to cross a thread. */
export interface EndpointSnapshot {
  requests: number;
  errors: number;
  unexpected: number;
  byCode: Record<string, number>;
  /** Run clock, ms. */
  firstAt: number;
  lastAt: number;
  histogram: string;
}

export interface IntervalSnapshot {
  endpoints: Record<string, { requests: number; errors: number; histogram: string }>;
  errors: Record<string, number>;
}

interface EndpointState {
  total: Histogram;
  interval: Histogram;
  requests: number;
  errors: number;
  unexpected: number;
  byCode: Map<string, number>;
  intervalRequests: number;
  intervalErrors: number;
  firstAt: number;
  lastAt: number;
}

// Microseconds, so sub-millisecond loopback answers keep their resolution; up to ten minutes.
const histogram = (digits: 2 | 3) =>
  build({ bitBucketSize: 'packed', lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: digits, autoResize: true });

const ms = (micros: number) => Math.round(micros) / 1000;
const decode = (encoded: string) => decodeFromCompressedBase64(encoded, 'packed', false);

export type EndpointMetrics = ReturnType<typeof createEndpointMetrics>;

/**
 * One HDR histogram per endpoint for the whole run, and a coarser one per endpoint drained every
 * second (the HdrHistogram "interval" pattern), so the timeline costs constant memory. A request
 * from a loop that waits `expectedIntervalMs` between sends is recorded with
 * `recordValueWithExpectedInterval`: an answer that took five intervals also stands for the four
 * sends the loop skipped while it waited, at the latencies they would have seen (loadtest/README.md).
 */
export function createEndpointMetrics(now: () => number) {
  const endpoints = new Map<string, EndpointState>();
  let intervalCodes = new Map<string, number>();

  const stateOf = (endpoint: string): EndpointState => {
    let state = endpoints.get(endpoint);
    if (!state) {
      state = { total: histogram(3), interval: histogram(2), requests: 0, errors: 0, unexpected: 0, byCode: new Map(), intervalRequests: 0, intervalErrors: 0, firstAt: now(), lastAt: now() };
      endpoints.set(endpoint, state);
    }
    return state;
  };

  function record(answer: Answer): void {
    const state = stateOf(answer.endpoint);
    // The first answer's own latency belongs to the window: it started that much earlier.
    if (state.requests === 0) state.firstAt = now() - answer.latencyMs;
    state.lastAt = now();
    const micros = Math.max(1, Math.round(answer.latencyMs * 1000));
    const interval = Math.round((answer.expectedIntervalMs ?? 0) * 1000);
    for (const target of [state.total, state.interval]) {
      if (interval > 0) target.recordValueWithExpectedInterval(micros, interval);
      else target.recordValue(micros);
    }
    state.requests += 1;
    state.intervalRequests += 1;
    if (answer.kind === 'ok') return;
    const code = answer.code ?? `http_${answer.status}`;
    state.errors += 1;
    state.intervalErrors += 1;
    if (answer.kind === 'unexpected') state.unexpected += 1;
    state.byCode.set(code, (state.byCode.get(code) ?? 0) + 1);
    intervalCodes.set(code, (intervalCodes.get(code) ?? 0) + 1);
  }

  /** The last interval per endpoint, then starts a new one. */
  function drainInterval(): IntervalSnapshot {
    const points: IntervalSnapshot['endpoints'] = {};
    for (const [name, state] of endpoints) {
      points[name] = { requests: state.intervalRequests, errors: state.intervalErrors, histogram: encodeIntoCompressedBase64(state.interval) };
      state.interval.reset();
      state.intervalRequests = 0;
      state.intervalErrors = 0;
    }
    const errors = Object.fromEntries(intervalCodes);
    intervalCodes = new Map();
    return { endpoints: points, errors };
  }

  function snapshot(): Record<string, EndpointSnapshot> {
    const out: Record<string, EndpointSnapshot> = {};
    for (const [name, state] of endpoints) {
      out[name] = { requests: state.requests, errors: state.errors, unexpected: state.unexpected, byCode: Object.fromEntries(state.byCode), firstAt: state.firstAt, lastAt: state.lastAt, histogram: encodeIntoCompressedBase64(state.total) };
    }
    return out;
  }

  const totals = () => totalsOf(endpoints.values());

  return { record, drainInterval, snapshot, totals };
}

export function totalsOf(states: Iterable<{ requests: number; errors: number; unexpected: number }>) {
  let requests = 0;
  let errors = 0;
  let unexpected = 0;
  for (const state of states) {
    requests += state.requests;
    errors += state.errors;
    unexpected += state.unexpected;
  }
  return { requests, errors, unexpected };
}

/** The endpoint table of a run out of its workers' snapshots: histograms added, windows joined. */
export function summarizeEndpoints(parts: readonly Record<string, EndpointSnapshot>[]): Record<string, EndpointSummary> {
  const names = [...new Set(parts.flatMap((part) => Object.keys(part)))].sort();
  const out: Record<string, EndpointSummary> = {};
  for (const name of names) {
    const total = histogram(3);
    const byCode = new Map<string, number>();
    let requests = 0;
    let errors = 0;
    let unexpected = 0;
    let firstAt = Number.POSITIVE_INFINITY;
    let lastAt = Number.NEGATIVE_INFINITY;
    for (const part of parts) {
      const state = part[name];
      if (!state) continue;
      total.add(decode(state.histogram));
      requests += state.requests;
      errors += state.errors;
      unexpected += state.unexpected;
      firstAt = Math.min(firstAt, state.firstAt);
      lastAt = Math.max(lastAt, state.lastAt);
      for (const [code, count] of Object.entries(state.byCode)) byCode.set(code, (byCode.get(code) ?? 0) + count);
    }
    // At least a second, so a handful of requests does not read as a rate.
    const windowSeconds = Math.max((lastAt - firstAt) / 1000, 1);
    out[name] = {
      requests,
      rps: Math.round((requests / windowSeconds) * 10) / 10,
      p50: ms(total.getValueAtPercentile(50)),
      p90: ms(total.getValueAtPercentile(90)),
      p99: ms(total.getValueAtPercentile(99)),
      max: ms(total.maxValue),
      samples: total.totalCount,
      errors,
      unexpected,
      errorsByCode: Object.fromEntries([...byCode].sort(([, a], [, b]) => b - a)),
    };
  }
  return out;
}

/** One second of the run out of each worker's interval. */
export function mergeIntervals(parts: readonly IntervalSnapshot[]): { endpoints: Record<string, IntervalPoint>; errors: Record<string, number> } {
  const endpoints: Record<string, IntervalPoint> = {};
  const errors: Record<string, number> = {};
  const names = [...new Set(parts.flatMap((part) => Object.keys(part.endpoints)))];
  for (const name of names) {
    const merged = histogram(2);
    let requests = 0;
    let failed = 0;
    for (const part of parts) {
      const point = part.endpoints[name];
      if (!point) continue;
      requests += point.requests;
      failed += point.errors;
      if (point.requests > 0) merged.add(decode(point.histogram));
    }
    const empty = requests === 0;
    endpoints[name] = {
      requests,
      errors: failed,
      p50: empty ? 0 : ms(merged.getValueAtPercentile(50)),
      p90: empty ? 0 : ms(merged.getValueAtPercentile(90)),
      p99: empty ? 0 : ms(merged.getValueAtPercentile(99)),
    };
  }
  for (const part of parts) for (const [code, count] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + count;
  return { endpoints, errors };
}
