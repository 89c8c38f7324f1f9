import type { TabLocks } from './tab-transport.js';

/**
 * Web Locks semantics in memory, for one process: exclusive locks granted in request order, held
 * until the holder's callback settles, abortable while waiting. The election's tests run on it;
 * the browser runs on `navigator.locks` (and the waiting-room e2e checks that).
 */
export function memoryTabLocks(): TabLocks {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();

  const grantNext = (name: string) => {
    const next = waiting.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };

  return {
    request(name, signal, whileHeld) {
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
        const run = () => {
          signal.removeEventListener('abort', onAbort);
          held.add(name);
          whileHeld().then(resolve, reject).finally(() => grantNext(name));
        };
        const onAbort = () => {
          const queue = waiting.get(name) ?? [];
          const index = queue.indexOf(run);
          if (index >= 0) queue.splice(index, 1);
          reject(new DOMException('aborted', 'AbortError'));
        };
        if (!held.has(name)) return run();
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.set(name, [...(waiting.get(name) ?? []), run]);
      });
    },
  };
}
