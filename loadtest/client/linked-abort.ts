/**
 * One request's abort signal: fires when any parent fires or after `timeoutMs`. Listeners are
 * removed by `dispose`, so millions of requests leave nothing behind on the long-lived run signals
 * (AbortSignal.any keeps dependants alive longer than a load test can afford).
 */
export function linkedAbort(parents: readonly AbortSignal[], timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const parent of parents) {
    if (parent.aborted) controller.abort(parent.reason);
    else parent.addEventListener('abort', onAbort, { once: true });
  }
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    /** True when the request timed out, as opposed to the run stopping it. */
    timedOut: () => timedOut,
    dispose(): void {
      clearTimeout(timer);
      for (const parent of parents) parent.removeEventListener('abort', onAbort);
    },
  };
}
