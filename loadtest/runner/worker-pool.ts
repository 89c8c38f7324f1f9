import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, IntervalReport, ToWorker, WorkerResult, WorkerSetup } from './worker-protocol.js';

export interface PoolHooks<Interval = IntervalReport> {
  onInterval: (worker: number, report: Interval) => void;
  say: (line: string) => void;
}

const sourceExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** The journey scenarios' worker; the playback scenario brings its own (playback/playback-worker.ts). */
export const loadWorkerEntry = new URL(`./load-worker${sourceExtension}`, import.meta.url);

/** A worker module next to `base` (an `import.meta.url`), as source or as build output. */
export const workerEntry = (name: string, base: string) => new URL(`./${name}${sourceExtension}`, base);

/**
 * A worker running the TypeScript sources registers tsx's loader in its own thread first (Node 20
 * does not run a parent's `--import` hooks in workers, and a vitest fork has none to pass on).
 */
export function spawnWorker(entry: URL, setup: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: setup });
  // The ESM build of tsx's API (require.resolve finds the CommonJS one, which cannot register ESM hooks here).
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: setup });
}

export type WorkerPool = Awaited<ReturnType<typeof startWorkers<WorkerSetup, WorkerResult, IntervalReport>>>;

/**
 * Starts one worker thread per setup and resolves once all of them are ready to go. Barriers are
 * released when every worker still running has reached them; `finished` resolves with every
 * worker's result, or rejects with the first worker that failed.
 */
export async function startWorkers<Setup = WorkerSetup, Result = WorkerResult, Interval = IntervalReport>(setups: readonly Setup[], hooks: PoolHooks<Interval>, entry: URL = loadWorkerEntry) {
  const workers = setups.map((setup) => spawnWorker(entry, setup));
  const results: (Result | undefined)[] = setups.map(() => undefined);
  const arrived = new Map<string, Set<number>>();
  const send = (index: number, message: ToWorker) => {
    if (results[index] === undefined) workers[index]?.postMessage(message);
  };
  const releaseDue = () => {
    for (const [name, at] of arrived) {
      const running = results.map((result, index) => (result === undefined ? index : -1)).filter((index) => index >= 0);
      if (running.every((index) => at.has(index))) {
        arrived.delete(name);
        running.forEach((index) => send(index, { type: 'release', name }));
      }
    }
  };

  let ready = 0;
  let markReady: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (markReady = resolve));
  const finished = Promise.all(
    workers.map(
      (worker, index) =>
        new Promise<Result>((resolve, reject) => {
          worker.on('message', (message: FromWorker<Result, Interval>) => {
            switch (message.type) {
              case 'ready':
                if (++ready === workers.length) markReady();
                return;
              case 'interval':
                return hooks.onInterval(index, message);
              case 'barrier':
                arrived.set(message.name, (arrived.get(message.name) ?? new Set()).add(index));
                return releaseDue();
              case 'say':
                return hooks.say(message.line);
              case 'done':
                results[index] = message.result;
                releaseDue();
                void worker.terminate();
                return resolve(message.result);
              case 'failed':
                return reject(new Error(`load worker ${index + 1} failed: ${message.error}`));
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (results[index] === undefined) reject(new Error(`load worker ${index + 1} exited with code ${code} before reporting`));
          });
        }),
    ),
  );
  finished.catch(() => undefined); // awaited by the caller; this keeps an early failure from being "unhandled"
  // A worker that fails before it is ready must not leave the caller waiting for the others.
  await Promise.race([allReady, finished]);
  const broadcast = (message: ToWorker) => workers.forEach((_, index) => send(index, message));
  return {
    go: (epochMs: number) => broadcast({ type: 'go', epochMs }),
    stop: (reason: string) => broadcast({ type: 'stop', reason }),
    abort: (reason: string) => broadcast({ type: 'abort', reason }),
    finished,
    terminate: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}
