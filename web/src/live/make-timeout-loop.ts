export interface TimeoutLoopOptions {
  /** One poll. Errors are the caller's to handle; a throw here only ends this tick. */
  run: () => Promise<void> | void;
  /** Read after every tick, so the latest server answer (`refreshAfterMs`) sets the next wait. */
  delayMs: () => number;
  /** ± fraction applied to each wait so a crowd that joined together does not poll together. @default 0.1 */
  jitter?: number;
  /** Run the first tick at start instead of after one delay. @default false */
  leading?: boolean;
  random?: () => number;
}

export interface TimeoutLoop {
  start(): void;
  stop(): void;
  /** Poll now (e.g. the tab became visible again) unless a poll is already on its way. */
  runNow(): void;
  readonly running: boolean;
}

/**
 * A poll loop built from one setTimeout at a time rather than setInterval: the next wait is only
 * chosen after the previous poll finished, so slow answers never pile up and the server's
 * `refreshAfterMs` can stretch or shrink the wait on every tick.
 */
export function makeTimeoutLoop(options: TimeoutLoopOptions): TimeoutLoop {
  const jitter = options.jitter ?? 0.1;
  const random = options.random ?? Math.random;
  let running = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    if (!running) return;
    const base = Math.max(0, options.delayMs());
    const spread = 1 + jitter * (2 * random() - 1);
    timer = setTimeout(tick, Math.round(base * spread));
  };

  const tick = async () => {
    timer = undefined;
    if (!running || inFlight) return;
    inFlight = true;
    try {
      await options.run();
    } catch {
      // The caller reports its own errors; the loop simply carries on.
    } finally {
      inFlight = false;
      schedule();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      if (options.leading) void tick();
      else schedule();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
    },
    runNow() {
      if (!running || inFlight) return;
      clearTimeout(timer);
      void tick();
    },
    get running() {
      return running;
    },
  };
}
