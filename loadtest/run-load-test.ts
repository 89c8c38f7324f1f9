import { randomBytes } from 'node:crypto';
import { createEventSchema, type EventStats, type EventView } from '../core/index.js';
import type { RunOptions } from './args.js';
import { checkInvariants } from './checks/check-invariants.js';
import { clientViewOf } from './checks/client-view.js';
import { readLedger } from './checks/read-ledger.js';
import { createLoadClient, type Sample } from './client/load-client.js';
import { mergeJournals } from './journal/visitor-journal.js';
import { summarizeEndpoints, totalsOf } from './metrics/endpoint-metrics.js';
import { createRunTimeline } from './metrics/run-timeline.js';
import { createOperatorApi } from './operator/operator-api.js';
import type { ProgressSink } from './progress/progress-line.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/report.js';
import { defaultOutDir, writeReport } from './report/write-report.js';
import { runClock } from './runner/run-clock.js';
import { splitRun } from './runner/split-run.js';
import { startWorkers } from './runner/worker-pool.js';
import { scenarios } from './scenarios/index.js';

/** Setup, stragglers and the checks get this long on top of a scenario's budget before everything is cut. */
export const HARD_CAP_EXTRA_SECONDS = 120;
const MAX_SAMPLES = 40;

export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}

export interface RunHooks {
  log?: (line: string) => void;
  progress?: ProgressSink;
  /** Ends the scenario early (Ctrl-C); the run still checks and reports. */
  stop?: AbortSignal;
  /** Called once the scenario is over, while its event is still open (bench/loadtest.ts measures autocannon on it). */
  afterScenario?: (event: EventView) => Promise<void>;
}

export interface RunResult {
  report: Report;
  files: { json: string; html: string };
}

/**
 * One run: probe the target, create the scenario's event through the operator API, play the
 * scenario from `--workers` worker threads within its time and request budgets while sampling
 * every second, merge what the workers saw, then read the stats and the ledger, check the
 * invariants and write report.json and report.html.
 */
export async function runLoadTest(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const log = hooks.log ?? (() => undefined);
  const scenario = scenarios[options.scenario];
  const budgetSeconds = scenario.budgetSeconds(options);
  const hard = new AbortController();
  const hardTimer = setTimeout(() => hard.abort(new Error('wall-time cap reached')), (budgetSeconds + HARD_CAP_EXTRA_SECONDS) * 1000);
  const clockStart = runClock();
  // The operator's console is not in the crowd: its own sockets, in the main thread, so stats keep coming when the crowd's are saturated.
  const operatorClient = createLoadClient({ target: options.target, connections: 2, maxRequests: 1_000_000, metrics: { record: () => undefined }, signal: hard.signal, now: () => runClock() - clockStart });
  const operator = createOperatorApi(operatorClient, options.adminToken);
  try {
    const probe = await operator.probe();
    if (!probe.ok) throw new TargetUnreachable(`${options.target} is unreachable: GET /api/health gave ${probe.reason}`);
    const input = createEventSchema.parse({ id: `lt-${options.scenario}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`, ...scenario.event(options, Date.now()) });
    const event = await operator.createEvent(input);
    log(`event ${event.id}: ${event.items.length} items, ${options.seats} places, admission ${options.ratePerMinute}/min, queueAll ${event.admission.queueAll}`);

    const setups = splitRun(options, event);
    const timeline = createRunTimeline(setups.length);
    const pool = await startWorkers(setups, { onInterval: (worker, report) => timeline.addInterval(worker, report), say: log });
    log(`${setups.length} worker thread${setups.length === 1 ? '' : 's'}, ${setups.map((setup) => setup.share.visitors).join(' + ')} visitors`);
    const stopAll = (reason: string) => pool.stop(reason);
    const budgetTimer = setTimeout(() => stopAll(`time budget (${budgetSeconds} s) spent`), budgetSeconds * 1000);
    let interrupted = hooks.stop?.aborted === true;
    const onStop = () => {
      interrupted = true;
      stopAll('interrupted');
    };
    hooks.stop?.addEventListener('abort', onStop, { once: true });
    const onHard = () => {
      pool.abort('wall-time cap reached');
      // Workers get a moment to hand back what they saw; after that they are cut off.
      setTimeout(() => void pool.terminate(), 10_000).unref();
    };
    hard.signal.addEventListener('abort', onHard, { once: true });

    const startedAt = new Date();
    const epoch = runClock();
    pool.go(epoch);
    let reading = false;
    const sampler = setInterval(() => {
      const tick = Math.round((runClock() - epoch) / 1000);
      const point = timeline.latest();
      if (point) hooks.progress?.update(point, undefined, timeline.totals());
      if (reading) return;
      reading = true;
      operator
        .stats(event.id, 5_000)
        .then((stats) => {
          if (stats) timeline.addStats(tick, stats);
          if (stats && point) hooks.progress?.update(point, stats, timeline.totals());
        })
        .catch(() => undefined)
        .finally(() => (reading = false));
    }, 1_000);
    if (interrupted) stopAll('interrupted');

    let results;
    try {
      results = await pool.finished;
    } finally {
      clearTimeout(budgetTimer);
      clearInterval(sampler);
      hooks.stop?.removeEventListener('abort', onStop);
      hard.signal.removeEventListener('abort', onHard);
    }
    const durationSeconds = (runClock() - epoch) / 1000;
    hooks.progress?.end();
    const journal = mergeJournals(results.map((result) => result.journal));
    const endpoints = summarizeEndpoints(results.map((result) => result.endpoints));
    const samples: Sample[] = results.flatMap((result) => result.samples).sort((a, b) => a.atSeconds - b.atSeconds).slice(0, MAX_SAMPLES);
    const sent = results.reduce((sum, result) => sum + result.sent, 0);
    const notes: string[] = [];
    const unfinished = journal.visitors.filter((visitor) => visitor.outcome === undefined).length;
    if (interrupted) notes.push(`Interrupted after ${Math.round(durationSeconds)} s with ${unfinished} visitors still under way.`);
    else if (durationSeconds >= budgetSeconds && unfinished > 0) notes.push(`The time budget (${budgetSeconds} s) ran out with ${unfinished} visitors still under way; they were stopped.`);
    if (sent >= options.maxRequests - setups.length) notes.push(`The request budget (${options.maxRequests}) was exhausted.`);
    await hooks.afterScenario?.(event);

    // The checks read through the operator API what the ledger holds now that the crowd is gone.
    let stats: EventStats | undefined;
    try {
      stats = await operator.stats(event.id, 10_000);
    } catch {
      notes.push('Final stats could not be read.');
    }
    const ledger = await readLedger(operator, event.id);
    const bookedInLedger = ledger.kind === 'ok' ? ledger.bookings.reduce((sum, booking) => sum + (booking.status === 'confirmed' ? booking.quantity : 0), 0) : undefined;
    const extra = scenario.invariants?.({ options, counts: journal.counts }, bookedInLedger) ?? [];
    const invariants = checkInvariants({ event, client: clientViewOf(journal), stats, ledger, endpoints, samples, extra });
    // A finished test event stays in the ledger for inspection but stops showing as open.
    await operator.closeEvent(event.id).catch(() => undefined);

    const report = buildReport({ options, description: scenario.description, budgetSeconds, event, startedAt, durationSeconds, endpoints, totals: totalsOf(Object.values(endpoints)), journal, stats, invariants, samples, notes, timeline: timeline.points(), workers: setups.length });
    const files = await writeReport(report, options.outDir ?? defaultOutDir(options.scenario, startedAt));
    return { report, files };
  } finally {
    clearTimeout(hardTimer);
    await operatorClient.destroy();
  }
}
