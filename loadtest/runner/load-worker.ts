import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { BudgetExhausted, createLoadClient } from '../client/load-client.js';
import { createJournal } from '../journal/visitor-journal.js';
import { createEndpointMetrics } from '../metrics/endpoint-metrics.js';
import { scenarios } from '../scenarios/index.js';
import type { ScenarioContext } from '../scenarios/scenario.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

/**
 * One worker thread of a run: its share of the visitors, with its own sockets, histograms and
 * journal. It reports every second and hands everything back at the end; the main thread merges.
 */
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread (runner/worker-pool.ts)');
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

const budget = new AbortController();
const hard = new AbortController();
// Every request in flight listens to the run's signals; thousands at once is the point here.
setMaxListeners(0, budget.signal, hard.signal);
const releases = new Map<string, () => void>();
let go: (epochMs: number) => void = () => undefined;
const started = new Promise<number>((resolve) => (go = resolve));

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'go':
      return go(message.epochMs);
    case 'release':
      return releases.get(message.name)?.();
    case 'stop':
      return budget.abort(new Error(message.reason));
    case 'abort':
      budget.abort(new Error(message.reason));
      return hard.abort(new Error(message.reason));
  }
});

async function run(): Promise<void> {
  post({ type: 'ready' });
  const journal = createJournal(await started);
  const metrics = createEndpointMetrics(journal.now);
  const client = createLoadClient({ target: setup.options.target, connections: setup.connections, maxRequests: setup.maxRequests, metrics, signal: hard.signal, now: journal.now });
  const report = () => post({ type: 'interval', tick: Math.round(journal.now() / 1000), interval: metrics.drainInterval(), counts: { ...journal.counts }, sent: client.sent(), unexpected: metrics.totals().unexpected });
  const timer = setInterval(report, 1_000);
  const ctx: ScenarioContext = {
    client,
    log: journal,
    journal,
    eventId: setup.event.id,
    event: setup.event,
    options: setup.options,
    share: setup.share,
    signal: budget.signal,
    say: (line) => post({ type: 'say', line }),
    barrier: (name) =>
      new Promise<void>((resolve) => {
        releases.set(name, resolve);
        post({ type: 'barrier', name });
      }),
  };
  try {
    await scenarios[setup.options.scenario].run(ctx);
  } catch (error) {
    if (!(error instanceof BudgetExhausted) && !budget.signal.aborted) throw error;
  } finally {
    clearInterval(timer);
  }
  report();
  post({ type: 'done', result: { journal: journal.data(), endpoints: metrics.snapshot(), samples: client.samples(), sent: client.sent() } });
  await client.destroy();
}

run().catch((error: unknown) => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
