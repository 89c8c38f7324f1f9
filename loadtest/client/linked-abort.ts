import { setMaxListeners } from 'node:events';

/**
 * The signal a request of `client` runs under when its caller also passes one: it fires when
 * either does. Linked once per (client signal, request signal) pair and cached, so a million
 * requests under the same run budget add no listener of ours per request (linking per request
 * cost a quarter of the poll rate), and timeouts are undici's (`headersTimeout`, `bodyTimeout`).
 */
export function createSignalLinker(base: AbortSignal) {
  const linked = new WeakMap<AbortSignal, AbortSignal>();
  return (signal: AbortSignal | undefined): AbortSignal => {
    if (signal === undefined || signal === base) return base;
    let both = linked.get(signal);
    if (!both) {
      const controller = new AbortController();
      // Every request in flight listens to it (undici adds one listener per request).
      setMaxListeners(0, controller.signal);
      const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
      for (const parent of [base, signal]) {
        if (parent.aborted) controller.abort(parent.reason);
        else parent.addEventListener('abort', onAbort, { once: true });
      }
      both = controller.signal;
      linked.set(signal, both);
    }
    return both;
  };
}
