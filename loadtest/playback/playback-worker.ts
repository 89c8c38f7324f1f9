import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { createLoadClient } from '../client/load-client.js';
import { createEndpointMetrics } from '../metrics/endpoint-metrics.js';
import { runClock } from '../runner/run-clock.js';
import type { FromWorker, ToWorker } from '../runner/worker-protocol.js';
import { runArrivals, uniformArrivals } from '../scenarios/run-arrivals.js';
import { playViewer, type ViewerRecord } from './play-viewer.js';
import type { PlaybackInterval, PlaybackWorkerResult, PlaybackWorkerSetup } from './playback-protocol.js';

/**
 * One worker thread of a playback run: its share of the viewers arriving open-model over the
 * ramp, with its own undici pool and histograms; it stops its viewers at the run's end by itself
 * (the main thread's `stop` is for Ctrl-C), reports every second and hands back every viewer's figures.
 */
const port = parentPort;
if (!port) throw new Error('playback-worker.ts runs as a worker thread (playback/run-playback.ts)');
const setup = workerData as PlaybackWorkerSetup;
const post = (message: FromWorker<PlaybackWorkerResult, PlaybackInterval>) => port.postMessage(message);

const end = new AbortController();
const hard = new AbortController();
setMaxListeners(0, end.signal, hard.signal);
let go: (epochMs: number) => void = () => undefined;
const started = new Promise<number>((resolve) => (go = resolve));

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'go':
      return go(message.epochMs);
    case 'release':
      return;
    case 'stop':
      return end.abort(new Error(message.reason));
    case 'abort':
      end.abort(new Error(message.reason));
      return hard.abort(new Error(message.reason));
  }
});

async function run(): Promise<void> {
  post({ type: 'ready' });
  const epoch = await started;
  const now = () => runClock() - epoch;
  const { options, share } = setup;
  const endsAt = options.durationSeconds * 1000;
  const endTimer = setTimeout(() => end.abort(new Error('the run is over')), Math.max(0, endsAt - now()));
  const metrics = createEndpointMetrics(now);
  const client = createLoadClient({ target: options.target, connections: setup.connections, maxRequests: setup.maxRequests, metrics, signal: hard.signal, now });
  const viewers: ViewerRecord[] = [];
  let arrived = 0;
  let playing = 0;
  const report = () => post({ type: 'interval', tick: Math.round(now() / 1000), arrived, started: playing, sent: client.sent(), unexpected: metrics.totals().unexpected });
  const timer = setInterval(report, 1_000);
  try {
    await runArrivals({ client, signal: end.signal }, uniformArrivals(share.viewers, options.rampSeconds * 1000), async (index, dueAt) => {
      arrived += 1;
      const record = await playViewer(
        { client, signal: end.signal, endsAt, onStarted: () => (playing += 1) },
        { masterPath: setup.masterPath, policy: options.rendition, number: share.first + index, dueAt },
      );
      viewers.push(record);
    });
  } finally {
    clearInterval(timer);
    clearTimeout(endTimer);
  }
  report();
  post({ type: 'done', result: { viewers, endpoints: metrics.snapshot(), samples: client.samples(), sent: client.sent() } });
  await client.destroy();
}

run().catch((error: unknown) => post({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
