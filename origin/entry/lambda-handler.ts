import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { BuiltOrigin } from '../boot/build-origin.js';
import { log as processLog } from '../logging/log.js';
import { createEmfDrain, toEmf } from '../metrics/app-metrics.js';
import { originMetrics } from '../metrics/origin-metrics.js';
import { LEASE_RENEW_MS } from '../bookings/owner-lease.js';
import { KEY_REFRESH_MS } from '../tokens/refresh-signing-keys.js';
import { functionUrlEventSchema, malformedEvent, problemResult, type FunctionUrlResult } from './function-url-event.js';
import { createRequestDrivenUpkeep, waitAtMost } from './request-driven-upkeep.js';
import { isRotationEvent, isScheduledEvent } from './scheduled-events.js';
import { REPLAY_PLAYS_FOLD_MS } from '../replays/fold-replay-plays.js';
import { isIvsEvent, recordIvsEvent } from '../replays/ivs-recording-event.js';

export interface LambdaHandlerOptions {
  eventTickMs: number;
  reconcileIntervalMs: number;
  /** A replica origin runs no reconciler and no event ticks: only the key reload. @default 'home' */
  role?: 'home' | 'replica';
  /** The Stage dimension of the metrics printed after each invocation (EMF). @default 'local' */
  stage?: string;
  /** The longest a response waits, once ready, for upkeep started beside it. @default 1000 */
  maxUpkeepWaitMs?: number;
}


const json = (statusCode: number, body: unknown): FunctionUrlResult => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), isBase64Encoded: false });

/** The scheduled rotation: a new signing key, published and used by this instance at once. */
async function rotate(deps: BuiltOrigin['deps']): Promise<FunctionUrlResult> {
  if (!deps.signingKeys) return json(404, { rotated: false, reason: 'fixed signing keys' });
  const keys = await deps.signingKeys.rotate();
  return json(200, { rotated: true, activeKid: keys.active.kid, kids: keys.all.length });
}

/**
 * The origin app behind a Lambda Function URL (or an API Gateway HTTP API), payload format 2.0,
 * through hono/aws-lambda. Malformed events are answered with problem+json, never thrown. Each
 * invocation starts the reconciler, the event ticks and the key reload when due (`request-driven-upkeep.ts`) and
 * serves the request meanwhile; the answer then waits for them at most `maxUpkeepWaitMs`.
 */
export function createLambdaHandler(
  origin: Pick<BuiltOrigin, 'app' | 'deps' | 'reconcile' | 'ticks'> & Partial<Pick<BuiltOrigin, 'refreshKeys' | 'lease' | 'replays' | 'foldPlays'>>,
  options: LambdaHandlerOptions,
) {
  const serve = handle(origin.app);
  const { refreshKeys, lease, replays, foldPlays } = origin;
  const upkeep = createRequestDrivenUpkeep(
    [
      ...(options.role === 'replica'
        ? []
        : [
            { everyMs: options.reconcileIntervalMs, run: () => origin.reconcile.run() },
            { everyMs: options.eventTickMs, run: () => origin.ticks.run() },
          ]),
      // The keys were loaded at cold start; reload them (to follow a rotation) once a period.
      ...(refreshKeys ? [{ everyMs: KEY_REFRESH_MS, run: () => refreshKeys.run(), waitFirstPeriod: true }] : []),
      // A frozen instance serves nothing, so renewing while invoked is enough to keep its attempts its own.
      ...(lease ? [{ everyMs: LEASE_RENEW_MS, run: () => lease.renew(), waitFirstPeriod: true }] : []),
      // Every instance folds the plays its store counted (a replica's Redis is its own).
      ...(foldPlays ? [{ everyMs: REPLAY_PLAYS_FOLD_MS, run: () => foldPlays.run(), waitFirstPeriod: true }] : []),
    ],
    origin.deps.clock,
  );
  const maxWaitMs = options.maxUpkeepWaitMs ?? 1_000;
  const log = origin.deps.log ?? processLog;
  const drainCounts = createEmfDrain(origin.deps.metrics ?? originMetrics);

  return async (event: unknown, context?: LambdaContext): Promise<FunctionUrlResult> => {
    if (isRotationEvent(event)) return rotate(origin.deps);
    // An IVS event from EventBridge: a recording's end becomes a replay. A failure to save throws,
    // so the asynchronous invocation is retried (the replay's id makes a retry harmless).
    if (isIvsEvent(event)) {
      if (!replays) return json(200, { kind: 'ignored', reason: 'no replays here' });
      return json(200, await recordIvsEvent(replays, event, log));
    }
    if (isScheduledEvent(event)) {
      await upkeep.runAll();
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"upkeep":"done"}', isBase64Encoded: false };
    }
    const parsed = functionUrlEventSchema.safeParse(event);
    if (!parsed.success) return problemResult(malformedEvent(parsed.error.issues));
    const running = upkeep.kick();
    let result: FunctionUrlResult;
    try {
      result = (await serve(parsed.data as unknown as LambdaEvent, context)) as FunctionUrlResult;
    } catch (error) {
      log.error({ err: error }, 'origin lambda error');
      result = await problemResult(error);
    }
    // Leave a second of the invocation's time for the answer itself.
    const left = context?.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() - 1_000 : maxWaitMs;
    if (running) await waitAtMost(running, Math.min(maxWaitMs, left));
    // One EMF document per invocation, as a log line: CloudWatch reads `_aws` at its top level.
    const metrics = toEmf(await drainCounts(), options.stage ?? 'local', origin.deps.clock.now());
    if (metrics) log.info(metrics, 'metrics');
    return result;
  };
}
