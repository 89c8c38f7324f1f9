import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createEventSchema, type EventStats } from '../core/index.js';
import type { RunOptions } from './args.js';
import { checkInvariants } from './checks/check-invariants.js';
import type { LedgerRead } from './checks/ledger-checks.js';
import { BudgetExhausted, createLoadClient } from './client/load-client.js';
import { createJournal } from './journal/visitor-journal.js';
import { createEndpointMetrics } from './metrics/endpoint-metrics.js';
import { startTimelineSampler } from './metrics/timeline-sampler.js';
import { createOperatorApi, type OperatorApi } from './operator/operator-api.js';
import type { ProgressSink } from './progress/progress-line.js';
import { buildReport } from './report/build-report.js';
import type { Report } from './report/report.js';
import { defaultOutDir, writeReport } from './report/write-report.js';
import { scenarios } from './scenarios/index.js';

/** Setup, stragglers and the checks get this long on top of a scenario's budget before everything is cut. */
export const HARD_CAP_EXTRA_SECONDS = 120;

export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}

export interface RunHooks {
  log?: (line: string) => void;
  progress?: ProgressSink;
  /** Ends the scenario early (Ctrl-C); the run still checks and reports. */
  stop?: AbortSignal;
}

export interface RunResult {
  report: Report;
  files: { json: string; html: string };
}

async function readLedger(operator: OperatorApi, eventId: string): Promise<LedgerRead> {
  try {
    const bookings = await operator.listBookings(eventId);
    return bookings === 'missing' ? { kind: 'missing' } : { kind: 'ok', bookings };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One run: probe the target, create the scenario's event through the operator API, run the
 * scenario within its time and request budgets while sampling every second, then read the
 * stats and the ledger, check the invariants and write report.json and report.html.
 */
export async function runLoadTest(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const log = hooks.log ?? (() => undefined);
  const scenario = scenarios[options.scenario];
  const budgetSeconds = scenario.budgetSeconds(options);
  const hard = new AbortController();
  // Every request in flight listens to the run's signals; thousands at once is the point here.
  setMaxListeners(0, hard.signal);
  const hardTimer = setTimeout(() => hard.abort(new Error('wall-time cap reached')), (budgetSeconds + HARD_CAP_EXTRA_SECONDS) * 1000);
  const metrics = createEndpointMetrics();
  const journal = createJournal();
  const client = createLoadClient({
    target: options.target,
    connections: options.concurrency,
    maxRequests: options.maxRequests,
    metrics,
    signal: hard.signal,
    elapsed: () => journal.now() / 1000,
  });
  // The operator's console is not in the crowd: its own sockets, so stats keep coming when the crowd's pool is saturated.
  const operatorClient = createLoadClient({ target: options.target, connections: 2, maxRequests: 1_000_000, metrics, signal: hard.signal, elapsed: () => journal.now() / 1000 });
  const operator = createOperatorApi(operatorClient, options.adminToken);
  try {
    const probe = await operator.probe();
    if (!probe.ok) throw new TargetUnreachable(`${options.target} is unreachable: GET /api/health gave ${probe.reason}`);
    const input = createEventSchema.parse({ id: `lt-${options.scenario}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`, ...scenario.event(options, Date.now()) });
    const event = await operator.createEvent(input);
    log(`event ${event.id}: ${event.items.length} items, ${options.seats} places, admission ${options.ratePerMinute}/min, queueAll ${event.admission.queueAll}`);

    const budget = new AbortController();
    setMaxListeners(0, budget.signal);
    const budgetTimer = setTimeout(() => budget.abort(new Error('time budget spent')), budgetSeconds * 1000);
    for (const signal of [hard.signal, hooks.stop]) signal?.addEventListener('abort', () => budget.abort(signal.reason), { once: true });
    if (hooks.stop?.aborted) budget.abort(hooks.stop.reason);
    const sampler = startTimelineSampler({
      metrics,
      journal,
      readStats: () => operator.stats(event.id, 5_000),
      onTick: (point, stats) => hooks.progress?.update(point, stats, { requests: client.sent(), unexpected: metrics.totals().unexpected }),
    });
    const startedAt = new Date();
    const started = journal.now();
    const notes: string[] = [];
    try {
      await scenario.run({ client, journal, options, event, signal: budget.signal, log });
    } catch (error) {
      if (!(error instanceof BudgetExhausted) && !budget.signal.aborted) throw error;
    } finally {
      clearTimeout(budgetTimer);
    }
    const durationSeconds = (journal.now() - started) / 1000;
    const timeline = sampler.stop();
    hooks.progress?.end();
    const unfinished = journal.visitors.filter((visitor) => visitor.outcome === undefined).length;
    if (hooks.stop?.aborted) notes.push(`Interrupted after ${Math.round(durationSeconds)} s with ${unfinished} visitors still under way.`);
    else if (budget.signal.aborted) notes.push(`The time budget (${budgetSeconds} s) ran out with ${unfinished} visitors still under way; they were stopped.`);
    if (client.sent() >= options.maxRequests) notes.push(`The request budget (${options.maxRequests}) was exhausted.`);

    // The checks read through the operator API what the ledger holds now that the crowd is gone.
    let stats: EventStats | undefined;
    try {
      stats = await operator.stats(event.id, 10_000);
    } catch {
      notes.push('Final stats could not be read.');
    }
    const ledger = await readLedger(operator, event.id);
    const endpoints = metrics.summary();
    const bookedInLedger = ledger.kind === 'ok' ? ledger.bookings.reduce((sum, booking) => sum + (booking.status === 'confirmed' ? booking.quantity : 0), 0) : undefined;
    const extra = scenario.invariants?.({ client, journal, options, event, signal: budget.signal, log }, bookedInLedger) ?? [];
    const invariants = checkInvariants({ event, journal, stats, ledger, endpoints, samples: client.samples(), extra });
    // A finished test event stays in the ledger for inspection but stops showing as open.
    await operator.closeEvent(event.id).catch(() => undefined);

    const report = buildReport({ options, description: scenario.description, budgetSeconds, event, startedAt, durationSeconds, endpoints, totals: metrics.totals(), journal, stats, invariants, samples: client.samples(), notes, timeline });
    const files = await writeReport(report, options.outDir ?? defaultOutDir(options.scenario, startedAt));
    return { report, files };
  } finally {
    clearTimeout(hardTimer);
    await Promise.all([client.destroy(), operatorClient.destroy()]);
  }
}
