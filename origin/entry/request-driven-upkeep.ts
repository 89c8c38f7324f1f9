import type { Clock } from '../../core/index.js';

export interface UpkeepTask {
  /** Start a pass at most this often. */
  everyMs: number;
  /** Runs a pass, or joins the one running (`createReconcilePass`, `createEventTickPass`). */
  run(): Promise<unknown>;
  /** Counts the first period from creation rather than being due at once. @default false */
  waitFirstPeriod?: boolean;
}

export interface RequestDrivenUpkeep {
  /** Starts every task whose period has passed; resolves when they end (undefined: none due). */
  kick(): Promise<void> | undefined;
  /** Starts every task now and resolves when they end. */
  runAll(): Promise<void>;
}

/**
 * A Lambda sandbox is frozen between invocations, so a timer cannot drive the reconciler and the
 * event ticks there. Instead each invocation starts the passes that are due (at most once per
 * period per sandbox) beside the request it serves. A pass still running when the sandbox freezes
 * resumes at the next thaw and is joined, never doubled; every step of both is idempotent and
 * safe on every instance at once, so many sandboxes doing it is fine.
 */
export function createRequestDrivenUpkeep(tasks: UpkeepTask[], clock: Clock): RequestDrivenUpkeep {
  const lastStarted = tasks.map((task) => (task.waitFirstPeriod ? clock.now() : Number.NEGATIVE_INFINITY));
  const start = (indexes: number[]) => {
    const now = clock.now();
    for (const index of indexes) lastStarted[index] = now;
    return Promise.all(indexes.map((index) => tasks[index]!.run())).then(() => undefined);
  };
  return {
    kick() {
      const now = clock.now();
      const due = tasks.flatMap((task, index) => (now - lastStarted[index]! >= task.everyMs ? [index] : []));
      return due.length > 0 ? start(due) : undefined;
    },
    runAll: () => start(tasks.map((_task, index) => index)),
  };
}

/** Waits for `work` at most `ms`; what is not done by then carries on in the background. */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
