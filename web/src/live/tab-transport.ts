/**
 * What tabs of one browser share to elect one poller: an exclusive lock that the browser hands to
 * the next waiter when its holder releases it or closes (the Web Locks API), and a channel that
 * delivers a message to every other tab (BroadcastChannel). Injected, so the election runs in
 * Node tests against the memory locks and Node's own BroadcastChannel.
 */
export interface TabLocks {
  /**
   * Waits for the exclusive lock `name`, then holds it until `whileHeld` settles. Aborting
   * `signal` gives up waiting (the promise then rejects); it does not release a held lock.
   */
  request(name: string, signal: AbortSignal, whileHeld: () => Promise<void>): Promise<void>;
}

export interface TabChannel<M> {
  post(message: M): void;
  listen(receive: (message: M) => void): void;
  close(): void;
}

/** `navigator.locks`, when the browser has it (every current one does, over HTTPS or localhost). */
export function browserTabLocks(): TabLocks | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks?.request) return undefined;
  return { request: (name, signal, whileHeld) => locks.request(name, { signal }, whileHeld) };
}

/** A BroadcastChannel of structured-cloneable messages, when the runtime has one. */
export function broadcastTabChannel<M>(name: string): TabChannel<M> | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  return {
    post: (message) => channel.postMessage(message),
    listen: (receive) => channel.addEventListener('message', (event: MessageEvent<M>) => receive(event.data)),
    close: () => channel.close(),
  };
}
