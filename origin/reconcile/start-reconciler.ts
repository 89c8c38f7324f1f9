import type { Clock } from '../../core/index.js';
import { reconcile, type ReconcileDeps } from './reconcile.js';
import { changedAnything, type ReconcileReport } from './reconcile-report.js';

export interface Reconciler {
  /** Runs a pass now (or joins the one running). */
  runNow(): Promise<ReconcileReport | undefined>;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

/**
 * Runs `reconcile` at once and then every `intervalMs`, one pass at a time. The timer is unref'd:
 * it never keeps the process alive on its own.
 */
export function startReconciler(deps: ReconcileDeps & { clock: Clock }, intervalMs: number): Reconciler {
  let running: Promise<ReconcileReport | undefined> | undefined;

  const runNow = () => {
    running ??= reconcile(deps, deps.clock.now())
      .then((report) => {
        if (changedAnything(report)) console.log('reconcile:', JSON.stringify(report));
        return report;
      })
      .catch((error: unknown) => {
        console.warn('reconcile pass failed:', (error as Error).message);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  void runNow();

  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
