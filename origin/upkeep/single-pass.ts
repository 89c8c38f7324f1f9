import { log } from '../logging/log.js';

/** A piece of background work that runs one at a time, for a timer or the Lambda entry's requests. */
export interface SinglePass<T> {
  /** Runs the work now, or joins the run in progress; a failure is logged and yields undefined. */
  run(): Promise<T | undefined>;
  /** Resolves once no run is in progress. */
  idle(): Promise<void>;
}

export function createSinglePass<T>(label: string, work: () => Promise<T>): SinglePass<T> {
  let running: Promise<T | undefined> | undefined;
  return {
    run() {
      running ??= work()
        .catch((error: unknown) => {
          log.warn({ err: error }, `${label} failed`);
          return undefined;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    idle: async () => {
      await running;
    },
  };
}
