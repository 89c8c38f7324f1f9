import { build, type Histogram } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';

/** How an answer counts: `expected` errors are part of the protocol (not_ready, sold_out...). */
export type AnswerKind = 'ok' | 'expected' | 'unexpected';

export interface Answer {
  endpoint: string;
  latencyMs: number;
  status: number;
  /**
   * problem+json `code`, `http_<status>` when absent; `network_error` / `timeout` with no answer,
   * `body_aborted` when the body was cut after the headers, `malformed_body` for a 2xx of the wrong shape.
   */
  code: string | undefined;
  kind: AnswerKind;
}

export interface EndpointSummary {
  requests: number;
  /** Requests per second over the endpoint's active window (its first request to its last answer). */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
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

export type EndpointMetrics = ReturnType<typeof createEndpointMetrics>;

/**
 * One HDR histogram per endpoint for the whole run, and a coarser one per endpoint that the
 * sampler drains every second (the HdrHistogram "interval" pattern), so the timeline costs
 * constant memory however long the run.
 */
export function createEndpointMetrics() {
  const endpoints = new Map<string, EndpointState>();
  let intervalCodes = new Map<string, number>();

  const stateOf = (endpoint: string): EndpointState => {
    let state = endpoints.get(endpoint);
    if (!state) {
      const now = performance.now();
      state = { total: histogram(3), interval: histogram(2), requests: 0, errors: 0, unexpected: 0, byCode: new Map(), intervalRequests: 0, intervalErrors: 0, firstAt: now, lastAt: now };
      endpoints.set(endpoint, state);
    }
    return state;
  };

  function record(answer: Answer): void {
    const state = stateOf(answer.endpoint);
    // The first answer's own latency belongs to the window: it started that much earlier.
    if (state.requests === 0) state.firstAt = performance.now() - answer.latencyMs;
    state.lastAt = performance.now();
    const micros = Math.max(1, Math.round(answer.latencyMs * 1000));
    state.total.recordValue(micros);
    state.interval.recordValue(micros);
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
  function drainInterval(): { endpoints: Record<string, IntervalPoint>; errors: Record<string, number> } {
    const points: Record<string, IntervalPoint> = {};
    for (const [name, state] of endpoints) {
      const empty = state.intervalRequests === 0;
      points[name] = {
        requests: state.intervalRequests,
        errors: state.intervalErrors,
        p50: empty ? 0 : ms(state.interval.getValueAtPercentile(50)),
        p90: empty ? 0 : ms(state.interval.getValueAtPercentile(90)),
        p99: empty ? 0 : ms(state.interval.getValueAtPercentile(99)),
      };
      state.interval.reset();
      state.intervalRequests = 0;
      state.intervalErrors = 0;
    }
    const errors = Object.fromEntries(intervalCodes);
    intervalCodes = new Map();
    return { endpoints: points, errors };
  }

  function summary(): Record<string, EndpointSummary> {
    const out: Record<string, EndpointSummary> = {};
    for (const [name, state] of [...endpoints].sort(([a], [b]) => a.localeCompare(b))) {
      // At least a second, so a handful of requests does not read as a rate.
      const windowSeconds = Math.max((state.lastAt - state.firstAt) / 1000, 1);
      out[name] = {
        requests: state.requests,
        rps: Math.round((state.requests / windowSeconds) * 10) / 10,
        p50: ms(state.total.getValueAtPercentile(50)),
        p90: ms(state.total.getValueAtPercentile(90)),
        p99: ms(state.total.getValueAtPercentile(99)),
        max: ms(state.total.maxValue),
        errors: state.errors,
        unexpected: state.unexpected,
        errorsByCode: Object.fromEntries([...state.byCode].sort(([, a], [, b]) => b - a)),
      };
    }
    return out;
  }

  const totals = () => {
    let requests = 0;
    let errors = 0;
    let unexpected = 0;
    for (const state of endpoints.values()) {
      requests += state.requests;
      errors += state.errors;
      unexpected += state.unexpected;
    }
    return { requests, errors, unexpected };
  };

  return { record, drainInterval, summary, totals };
}
