import type { Clock } from '../../core/index.js';
import { reconcile, type ReconcileDeps } from './reconcile.js';
import { changedAnything, type ReconcileReport } from './reconcile-report.js';
import { createSinglePass, type SinglePass } from '../upkeep/single-pass.js';

export interface Reconciler {
  /** Runs a pass now (or joins the one running). */
  runNow(): Promise<ReconcileReport | undefined>;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

/** `reconcile` one pass at a time; a failed pass is logged and yields undefined. */
export type ReconcilePass = SinglePass<ReconcileReport>;

/** One reconcile pass at a time, for a timer (`startReconciler`) or the Lambda entry's requests. */
export function createReconcilePass(deps: ReconcileDeps & { clock: Clock }): ReconcilePass {
  return createSinglePass('reconcile pass', async () => {
    const report = await reconcile(deps, deps.clock.now());
    if (changedAnything(report)) console.log('reconcile:', JSON.stringify(report));
    return report;
  });
}

/**
 * Runs `reconcile` at once and then every `intervalMs`, one pass at a time. The timer is unref'd:
 * it never keeps the process alive on its own.
 */
export function startReconciler(pass: ReconcilePass, intervalMs: number): Reconciler {
  const timer = setInterval(() => void pass.run(), intervalMs);
  timer.unref();
  void pass.run();

  return {
    runNow: () => pass.run(),
    async stop() {
      clearInterval(timer);
      await pass.idle();
    },
  };
}
