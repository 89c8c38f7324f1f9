import type { OriginDeps } from '../deps.js';
import { log } from '../logging/log.js';
import { originMetrics } from '../metrics/origin-metrics.js';
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
export function createReconcilePass(deps: ReconcileDeps & Pick<OriginDeps, 'clock' | 'metrics'>): ReconcilePass {
  return createSinglePass('reconcile pass', async () => {
    const startedAt = deps.clock.now();
    const report = await reconcile(deps, startedAt);
    if (changedAnything(report)) log.info({ report }, 'reconcile');
    // The lag counts from the start of the last pass that settled every event.
    if (report.failed.length === 0) (deps.metrics ?? originMetrics).reconciled(startedAt);
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
