import { sleep } from '../journey/index.js';
import type { ScenarioContext } from './scenario.js';

export interface ArrivalPlan {
  count: number;
  /** Milliseconds after the start at which arrival `i` is due, non-decreasing in `i`. */
  offsetOf(index: number): number;
  /** At most this many launches unfinished at once; later ones are sent late and measured from when they were due. */
  maxOutstanding?: number;
  /** No launch after this many milliseconds: what is still unsent then was more than the target (or this machine) could take. */
  windowMs?: number;
}

/**
 * The open model: arrival `i` is launched when it is due, whatever earlier arrivals are doing, so
 * a slow target sees the crowd pile up as it would in life instead of slowing the crowd down.
 * `launch` gets the instant it was due (run clock) to measure from; the first launch that
 * rejects is rethrown once the others are done. Returns how many were launched.
 */
export async function runArrivals(ctx: Pick<ScenarioContext, 'client' | 'signal'>, plan: ArrivalPlan, launch: (index: number, dueAt: number) => Promise<void>): Promise<number> {
  const start = ctx.client.now();
  const cap = plan.maxOutstanding ?? Number.POSITIVE_INFINITY;
  const closesAt = start + (plan.windowMs ?? Number.POSITIVE_INFINITY);
  let outstanding = 0;
  let freed: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const settle = () => {
    outstanding -= 1;
    freed?.();
    if (outstanding === 0) drained?.();
  };
  let failure: { error: unknown } | undefined;
  let index = 0;
  while (index < plan.count && !ctx.signal.aborted && ctx.client.now() < closesAt) {
    const early = start + plan.offsetOf(index) - ctx.client.now();
    try {
      if (early > 1) await sleep(early, ctx.signal);
    } catch {
      break;
    }
    // One waiter for the next free slot, rather than a race over every launch in flight.
    if (outstanding >= cap) {
      await new Promise<void>((resolve) => (freed = resolve));
      freed = undefined;
      continue;
    }
    outstanding += 1;
    launch(index, start + plan.offsetOf(index))
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(settle);
    index += 1;
  }
  if (outstanding > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (failure) throw failure.error;
  return index;
}

/** `count` instants uniform in a window, sorted: a Poisson process conditioned on exactly `count` arrivals. */
export function uniformArrivals(count: number, windowMs: number): ArrivalPlan {
  const offsets = Float64Array.from({ length: count }, () => Math.random() * windowMs).sort();
  return { count, offsetOf: (index) => offsets[index] ?? windowMs };
}
