import { Pool, type Dispatcher } from 'undici';
import type { ZodType } from 'zod';
import type { ErrorCode } from '../../core/index.js';
import type { AnswerKind, MetricsSink } from '../metrics/endpoint-metrics.js';
import { createSignalLinker } from './linked-abort.js';
import { redactText } from './redact.js';

export interface RequestSpec {
  /** Name in the report, e.g. `queue.state`. */
  endpoint: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Error codes the protocol foresees for this call; anything else is unexpected. */
  expect?: readonly ErrorCode[];
  /** Operator calls made by the tool itself stay out of the endpoint figures. */
  record?: boolean;
  timeoutMs?: number;
  /** Stops this request early (a scenario's budget); such requests are not counted. */
  signal?: AbortSignal;
  /** What a 2xx body must look like (see response-shapes.ts). */
  shape?: ZodType;
  /**
   * When the visitor meant to send it (run clock, ms): latency is measured from here, so time the
   * generator lost (a late timer, a busy thread, a full socket pool) counts against the answer
   * instead of vanishing (coordinated omission). Defaults to the moment `request` is called.
   */
  intendedAt?: number;
  /** The wait this request's loop keeps between sends (a poll's `refreshAfterMs`): see endpoint-metrics.ts. */
  expectedIntervalMs?: number;
  /**
   * How the body is read: `json` (the default) parses it into `body`; `text` also hands back the
   * text (an HLS playlist); `bytes` only counts it (a segment: decoding video as text would cost
   * the generator more than the target).
   */
  read?: 'json' | 'text' | 'bytes';
}

export interface LoadResponse {
  /** 2xx with a body of the expected shape: the only answers whose body callers may read. */
  ok: boolean;
  status: number;
  body: unknown;
  code: string | undefined;
  retryAfterSeconds: number | undefined;
  /** Why there was no answer (status 0), e.g. `connect ECONNREFUSED 127.0.0.1:1`. */
  failure?: string;
  /** The body as text (`read: 'text'`). */
  text?: string;
  /** Bytes of the body (`read: 'bytes'`). */
  bytes?: number;
}

/** A request/response pair worth reading when something went wrong (never carries tokens). */
export interface Sample {
  atSeconds: number;
  endpoint: string;
  request: string;
  requestBody?: string;
  status: number;
  code: string | undefined;
  response: string;
}

export class BudgetExhausted extends Error {
  constructor(limit: number) {
    super(`request budget of ${limit} exhausted`);
    this.name = 'BudgetExhausted';
  }
}

export interface LoadClientOptions {
  target: string;
  connections: number;
  maxRequests: number;
  metrics: MetricsSink;
  /** The run's hard wall-time cap: aborts every request in flight. */
  signal: AbortSignal;
  /** Milliseconds since the run started (the journal's clock). */
  now: () => number;
  /** Sockets shared with other clients (Artillery: one pool per worker thread, one client per visitor). */
  pool?: Dispatcher;
}

export type LoadClient = ReturnType<typeof createLoadClient>;

const MAX_SAMPLES = 40;

function codeOf(status: number, body: unknown): string | undefined {
  if (status < 400) return undefined;
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : `http_${status}`;
}

export function createLoadClient(options: LoadClientOptions) {
  const owned = options.pool === undefined;
  const link = createSignalLinker(options.signal);
  const pool = options.pool ?? createPool(options.target, options.connections);
  const samples: Sample[] = [];
  const sampledKeys = new Map<string, number>();
  let sent = 0;

  function keep(sample: Sample): void {
    const key = `${sample.endpoint} ${sample.code ?? sample.status}`;
    const seen = sampledKeys.get(key) ?? 0;
    sampledKeys.set(key, seen + 1);
    if (seen < 3 && samples.length < MAX_SAMPLES) samples.push(sample);
  }

  async function request(spec: RequestSpec): Promise<LoadResponse> {
    if (sent >= options.maxRequests) throw new BudgetExhausted(options.maxRequests);
    const parents = spec.signal ? [options.signal, spec.signal] : [options.signal];
    for (const parent of parents) parent.throwIfAborted();
    sent += 1;
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    if (spec.token) headers.authorization = `Bearer ${spec.token}`;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    // 30 s, as a phone app would wait: a saturated target is slow, and slow is not yet broken.
    const signal = link(spec.signal);
    const timeoutMs = spec.timeoutMs ?? 30_000;
    let timedOut = false;
    const started = Math.min(spec.intendedAt ?? Number.POSITIVE_INFINITY, options.now());
    let status = 0;
    let parsed: unknown;
    let text: string;
    let retryAfter: string | undefined;
    let bodyAborted = false;
    let bytes: number | undefined;
    try {
      // undici's own timers (no answer, or a stalled body), not one timer per request of ours.
      const response = await pool.request({ path: spec.path, method: spec.method, headers, body, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      status = response.statusCode;
      const header = response.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      // Headers arrived; a body cut short afterwards is its own failure, not the status it announced.
      bodyAborted = true;
      if (spec.read === 'bytes') {
        bytes = (await response.body.arrayBuffer()).byteLength;
        text = status >= 400 ? `${bytes} bytes` : '';
      } else text = await response.body.text();
      bodyAborted = false;
      try {
        parsed = text === '' || spec.read === 'bytes' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    } catch (error) {
      // The run ending is not a failure of the target: those requests are simply not counted.
      const stopped = parents.find((parent) => parent.aborted);
      if (stopped) throw stopped.reason;
      const undiciCode = (error as { code?: unknown }).code;
      timedOut = undiciCode === 'UND_ERR_HEADERS_TIMEOUT' || undiciCode === 'UND_ERR_BODY_TIMEOUT' || undiciCode === 'UND_ERR_CONNECT_TIMEOUT';
      text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const latencyMs = options.now() - started;
    const success = status >= 200 && status < 300 && !bodyAborted;
    const malformed = success && spec.shape !== undefined && !spec.shape.safeParse(parsed).success;
    const failure = status === 0 || bodyAborted ? (timedOut ? 'timeout' : bodyAborted ? 'body_aborted' : 'network_error') : undefined;
    const code = failure ?? (malformed ? 'malformed_body' : codeOf(status, parsed));
    const kind: AnswerKind = success && !malformed ? 'ok' : !success && status > 0 && status < 500 && spec.expect?.includes(code as ErrorCode) ? 'expected' : 'unexpected';
    if (spec.record !== false) {
      options.metrics.record({ endpoint: spec.endpoint, latencyMs, status, code, kind, ...(spec.expectedIntervalMs !== undefined && { expectedIntervalMs: spec.expectedIntervalMs }) });
      if (kind === 'unexpected') {
        keep({
          atSeconds: Math.round(options.now() / 100) / 10,
          endpoint: spec.endpoint,
          request: `${spec.method} ${spec.path}${spec.headers?.['idempotency-key'] ? ` (Idempotency-Key: ${spec.headers['idempotency-key']})` : ''}`,
          ...(body !== undefined && { requestBody: redactText(body) }),
          status,
          code,
          response: redactText(text).slice(0, 600),
        });
      }
    }
    const seconds = retryAfter === undefined ? undefined : Number(retryAfter);
    return {
      ok: kind === 'ok',
      status,
      body: parsed,
      code,
      retryAfterSeconds: seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
      ...((status === 0 || bodyAborted) && { failure: text }),
      ...(spec.read === 'text' && !bodyAborted && status > 0 && { text }),
      ...(bytes !== undefined && { bytes }),
    };
  }

  return {
    request,
    now: options.now,
    sent: () => sent,
    samples: () => [...samples],
    close: async () => (owned ? pool.close() : undefined),
    destroy: async () => (owned ? pool.destroy() : undefined),
  };
}

/** Enough sockets for the crowd, and no pipelining: each visitor is its own phone. */
export function createPool(target: string, connections: number): Pool {
  return new Pool(target, { connections, pipelining: 1, connectTimeout: 5_000 });
}
