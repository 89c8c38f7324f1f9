import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { channelViewSchema } from '../../core/index.js';
import { createLoadClient, type Sample } from '../client/load-client.js';
import { summarizeEndpoints } from '../metrics/endpoint-metrics.js';
import { defaultOutDir } from '../report/write-report.js';
import { TargetUnreachable } from '../run-load-test.js';
import { runClock } from '../runner/run-clock.js';
import { split } from '../runner/split-run.js';
import { startWorkers, workerEntry } from '../runner/worker-pool.js';
import type { PlaybackOptions } from './playback-args.js';
import type { PlaybackInterval, PlaybackWorkerResult, PlaybackWorkerSetup } from './playback-protocol.js';
import { buildPlaybackReport, type PlaybackReport } from './playback-report.js';
import type { ViewerRecord } from './play-viewer.js';

/** Stragglers and the report get this long past `--duration` before everything is cut. */
const HARD_CAP_EXTRA_SECONDS = 60;
const MAX_SAMPLES = 40;

/** The channel cannot be played from the target (unknown, offline, private, or played from elsewhere): the run cannot happen. */
export class ChannelUnplayable extends TargetUnreachable {
  override name = 'ChannelUnplayable';
}

export interface PlaybackHooks {
  log?: (line: string) => void;
  /** Ends the run early (Ctrl-C); the figures so far are still reported. */
  stop?: AbortSignal;
}

export interface PlaybackResult {
  report: PlaybackReport;
  /** Every viewer's own figures (the report adds them up). */
  viewers: ViewerRecord[];
  file: string;
}

/** The channel's multivariant playlist as a path on the target, from its public document. */
async function masterPathOf(client: ReturnType<typeof createLoadClient>, options: PlaybackOptions): Promise<string> {
  const answer = await client.request({ endpoint: 'channel', method: 'GET', path: `/api/channels/${options.channel}`, record: false, timeoutMs: 5_000 });
  if (answer.status === 404) throw new ChannelUnplayable(`channel ${options.channel} does not exist on ${options.target}`);
  const channel = channelViewSchema.safeParse(answer.body);
  if (!answer.ok || !channel.success) throw new ChannelUnplayable(`GET /api/channels/${options.channel} gave ${answer.failure ?? `HTTP ${answer.status}`}`);
  const { status, playbackUrl } = channel.data;
  if (status !== 'live' || !playbackUrl) throw new ChannelUnplayable(`channel ${options.channel} is ${status}, with no playback URL to play`);
  if (channel.data.private) throw new ChannelUnplayable(`channel ${options.channel} is private: its playback needs a token per viewer, which this scenario does not ask for`);
  const url = new URL(playbackUrl, options.target);
  if (url.origin !== options.target) throw new ChannelUnplayable(`channel ${options.channel} plays from ${url.origin}, not from the target: only the target is loaded`);
  return url.pathname + url.search;
}

/**
 * One playback run: probe the target, read the channel's playback URL, start `--workers` threads
 * whose viewers arrive over the ramp and watch until `--duration`, log the progress every 5 s,
 * then add up every viewer's figures and write report.json.
 */
export async function runPlayback(options: PlaybackOptions, hooks: PlaybackHooks = {}): Promise<PlaybackResult> {
  const log = hooks.log ?? (() => undefined);
  const hard = new AbortController();
  const hardTimer = setTimeout(() => hard.abort(new Error('wall-time cap reached')), (options.durationSeconds + HARD_CAP_EXTRA_SECONDS) * 1000);
  const clockStart = runClock();
  const probeClient = createLoadClient({ target: options.target, connections: 2, maxRequests: 100, metrics: { record: () => undefined }, signal: hard.signal, now: () => runClock() - clockStart });
  try {
    const health = await probeClient.request({ endpoint: 'health', method: 'GET', path: '/api/health', record: false, timeoutMs: 3_000 });
    if (health.status !== 200) throw new TargetUnreachable(`${options.target} is unreachable: GET /api/health gave ${health.failure ? `no answer (${health.failure})` : `HTTP ${health.status}`}`);
    const masterPath = await masterPathOf(probeClient, options);

    const count = Math.max(1, Math.min(options.workers, options.viewers));
    const viewers = split(options.viewers, count);
    const connections = split(Math.max(options.concurrency, count), count);
    const requests = split(Math.max(options.maxRequests, count), count);
    const setups: PlaybackWorkerSetup[] = viewers.map((share, index) => ({ options, masterPath, share: { index, count, viewers: share, first: viewers.slice(0, index).reduce((sum, n) => sum + n, 0) }, connections: connections[index] ?? 1, maxRequests: requests[index] ?? 1 }));
    const latest = new Map<number, PlaybackInterval>();
    const pool = await startWorkers<PlaybackWorkerSetup, PlaybackWorkerResult, PlaybackInterval>(setups, { onInterval: (worker, interval) => latest.set(worker, interval), say: log }, workerEntry('playback-worker', import.meta.url));
    log(`${masterPath}: ${options.viewers} viewers over ${options.rampSeconds} s (${(options.viewers / options.rampSeconds).toFixed(1)}/s), ${options.durationSeconds} s in all, on ${count} worker thread${count === 1 ? '' : 's'}`);
    let interrupted = hooks.stop?.aborted === true;
    const onStop = () => {
      interrupted = true;
      pool.stop('interrupted');
    };
    hooks.stop?.addEventListener('abort', onStop, { once: true });
    const onHard = () => {
      pool.abort('wall-time cap reached');
      setTimeout(() => void pool.terminate(), 10_000).unref();
    };
    hard.signal.addEventListener('abort', onHard, { once: true });

    const startedAt = new Date();
    const epoch = runClock();
    pool.go(epoch);
    if (interrupted) pool.stop('interrupted');
    let lastSent = 0;
    const progress = setInterval(() => {
      const points = [...latest.values()];
      const sum = (pick: (point: PlaybackInterval) => number) => points.reduce((total, point) => total + pick(point), 0);
      const sent = sum((point) => point.sent);
      log(`${Math.round((runClock() - epoch) / 1000)} s: ${sum((point) => point.arrived)} arrived, ${sum((point) => point.started)} playing, ${Math.round((sent - lastSent) / 5)} req/s, ${sum((point) => point.unexpected)} failed`);
      lastSent = sent;
    }, 5_000);
    let results: PlaybackWorkerResult[];
    try {
      results = await pool.finished;
    } finally {
      clearInterval(progress);
      hooks.stop?.removeEventListener('abort', onStop);
      hard.signal.removeEventListener('abort', onHard);
    }
    const durationSeconds = Math.min((runClock() - epoch) / 1000, options.durationSeconds);
    const all = results.flatMap((result) => result.viewers).sort((a, b) => a.arrivedAt - b.arrivedAt);
    const samples: Sample[] = results.flatMap((result) => result.samples).sort((a, b) => a.atSeconds - b.atSeconds).slice(0, MAX_SAMPLES);
    const notes: string[] = [];
    if (interrupted) notes.push(`Interrupted after ${Math.round(durationSeconds)} s.`);
    if (results.reduce((sum, result) => sum + result.sent, 0) >= options.maxRequests - count) notes.push(`The request budget (${options.maxRequests}) was exhausted.`);
    const report = buildPlaybackReport({ options, masterPath, workers: count, startedAt, durationSeconds, viewers: all, endpoints: summarizeEndpoints(results.map((result) => result.endpoints)), samples, notes });
    const dir = resolve(options.outDir ?? defaultOutDir('playback', startedAt));
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'report.json');
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    return { report, viewers: all, file };
  } finally {
    clearTimeout(hardTimer);
    await probeClient.destroy();
  }
}
