/**
 * Runs `work` on demand, at most once per `minIntervalMs` of real time: callers asking while a run
 * is waiting for its slot join it; callers asking while one is running wait for the next slot.
 * It answers "a key I do not know yet": a rotation is followed within one interval, and no flood
 * of forged key ids can make more than one load per interval.
 */
export function createPacedRun(work: () => Promise<void>, minIntervalMs: number, now: () => number = Date.now): () => Promise<void> {
  let lastStart = -Infinity;
  let next: Promise<void> | undefined;
  return () => {
    next ??= (async () => {
      // Always yields first, so `next` is set before it is cleared for the callers after this run.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastStart + minIntervalMs - now())));
      next = undefined;
      lastStart = now();
      await work();
    })();
    return next;
  };
}
