import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { BuiltOrigin } from '../boot/build-origin.js';
import { appMetrics, toEmf } from '../metrics/app-metrics.js';
import { KEY_REFRESH_MS } from '../tokens/refresh-signing-keys.js';
import { functionUrlEventSchema, malformedEvent, problemResult, type FunctionUrlResult } from './function-url-event.js';
import { createRequestDrivenUpkeep, waitAtMost } from './request-driven-upkeep.js';

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

/** An EventBridge schedule (`rate(1 minute)`) invoking the function: upkeep only, no request. */
const isScheduledEvent = (event: unknown): boolean => typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.events';

/**
 * The origin app behind a Lambda Function URL (or an API Gateway HTTP API), payload format 2.0,
 * through hono/aws-lambda. Malformed events are answered with problem+json, never thrown. Each
 * invocation starts the reconciler, the event ticks and the key reload when due (`request-driven-upkeep.ts`) and
 * serves the request meanwhile; the answer then waits for them at most `maxUpkeepWaitMs`.
 */
export function createLambdaHandler(origin: Pick<BuiltOrigin, 'app' | 'deps' | 'reconcile' | 'ticks'> & Partial<Pick<BuiltOrigin, 'refreshKeys'>>, options: LambdaHandlerOptions) {
  const serve = handle(origin.app);
  const refreshKeys = origin.refreshKeys;
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
    ],
    origin.deps.clock,
  );
  const maxWaitMs = options.maxUpkeepWaitMs ?? 1_000;

  return async (event: unknown, context?: LambdaContext): Promise<FunctionUrlResult> => {
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
      console.error('origin lambda error', error);
      result = await problemResult(error);
    }
    // Leave a second of the invocation's time for the answer itself.
    const left = context?.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() - 1_000 : maxWaitMs;
    if (running) await waitAtMost(running, Math.min(maxWaitMs, left));
    const metrics = toEmf(appMetrics.drain(), options.stage ?? 'local', origin.deps.clock.now());
    if (metrics) console.log(metrics);
    return result;
  };
}
