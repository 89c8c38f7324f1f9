import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../loadtest/args.js';
import { parseMasterPlaylist, parseMediaPlaylist, resolvePath } from '../loadtest/playback/hls-playlist.js';
import { startSequence } from '../loadtest/playback/live-policy.js';
import { isBehindCadence } from '../loadtest/playback/playback-report.js';
import { runPlayback, type PlaybackResult } from '../loadtest/playback/run-playback.js';
import { createSimulatedHls, sampleMediaDir } from '../origin/channels/simulated-hls.js';
import { scrape, sumOf } from './support/prometheus-text.js';
import { freePort, startStack, type RunningStack } from './support/start-stack.js';

const root = resolve(import.meta.dirname, '..');

describe('the playback viewer reads the playlists the simulated channels serve', () => {
  const hls = createSimulatedHls({ mediaDir: sampleMediaDir });
  const text = async (file: string, now: number) => String((await hls.read('ch-beauty', file, now)).body);

  it('finds both renditions in the master playlist and the live window in each media playlist', async () => {
    const variants = parseMasterPlaylist(await text('master.m3u8', 0));
    expect(variants.map((variant) => [resolvePath('/hls/ch-beauty/master.m3u8', variant.uri), variant.resolution])).toEqual([
      ['/hls/ch-beauty/240p/index.m3u8', '426x240'],
      ['/hls/ch-beauty/360p/index.m3u8', '640x360'],
    ]);
    expect(variants[0]!.bandwidth).toBeLessThan(variants[1]!.bandwidth);
    const now = 1_750_000_001_000;
    const playlist = parseMediaPlaylist(await text('240p/index.m3u8', now));
    const first = Math.floor(now / 2_000) - 6;
    expect(playlist).toMatchObject({ targetDurationS: 2, mediaSequence: first, ended: false });
    // Six 2-second segments across a loop of four (a discontinuity in between), numbered from the media sequence.
    expect(playlist.segments.map((segment) => [segment.sequence, segment.uri, segment.durationS])).toEqual(Array.from({ length: 6 }, (_, index) => [first + index, `seg${(first + index) % 4}.ts`, 2]));
    expect(resolvePath('/hls/ch-beauty/240p/index.m3u8', playlist.segments[0]!.uri)).toBe(`/hls/ch-beauty/240p/seg${first % 4}.ts`);
    expect(startSequence(playlist)).toBe(first + 3);
    // Two seconds later the window has moved by one.
    expect(parseMediaPlaylist(await text('240p/index.m3u8', now + 2_000)).mediaSequence).toBe(first + 1);
  });
});

describe('loadtest playback arguments', () => {
  it('parses the command with its defaults, seconds written either way', () => {
    expect(parseArgs(['playback', '--target', 'http://127.0.0.1:3000', '--channel', 'ch-beauty', '--viewers', '2000', '--ramp', '20s', '--duration', '60'])).toMatchObject({
      kind: 'playback',
      options: { target: 'http://127.0.0.1:3000', channel: 'ch-beauty', viewers: 2000, rampSeconds: 20, durationSeconds: 60, rendition: 'mixed', concurrency: 256, json: false, allowRemote: false },
    });
    expect(parseArgs(['--scenario', 'playback', '--target', 'http://localhost:1', '--channel', 'c', '--rendition', 'lowest', '--json'])).toMatchObject({ kind: 'playback', options: { rendition: 'lowest', json: true, rampSeconds: 10 } });
  });

  it.each([
    [['playback', '--channel', 'ch-beauty'], '--target is required'],
    [['playback', '--target', 'http://localhost:3000'], '--channel is required'],
    [['playback', '--target', 'http://localhost:3000', '--channel', '../admin'], '--channel must be a channel id'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', '--viewers', '0'], '--viewers must be between'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', '--ramp', '20m'], '--ramp must be whole seconds'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', '--ramp', '60', '--duration', '60s'], '--ramp (60 s) must be shorter than --duration (60 s)'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', '--rendition', 'best'], '--rendition must be one of lowest, highest, mixed'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', '--seats', '5'], "Unknown option '--seats'"],
    [['playback', '--target', 'http://10.1.2.3:3000', '--channel', 'c'], 'refusing non-loopback target: the load would go to http://10.1.2.3:3000'],
    [['playback', '--target', 'http://localhost:3000', '--channel', 'c', 'extra'], 'unexpected argument "extra"'],
  ])('rejects %j', (argv, message) => {
    expect(parseArgs(argv, {})).toMatchObject({ kind: 'error', message: expect.stringContaining(message) });
  });
});

describe('loadtest playback CLI on bad input', () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  let target = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('prints one error line and the usage, exits 2 and sends no request, a remote literal that routes here included', async () => {
    const cli = async (args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/cli.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      return { code, stderr };
    };
    const runs = await Promise.all([
      cli(['playback', '--target', target, '--channel', 'ch-beauty', '--viewers', 'lots']),
      cli(['playback', '--target', target, '--channel', 'ch-beauty', '--ramp', '30', '--duration', '10']),
      cli(['playback', '--target', target.replace('127.0.0.1', '[::ffff:127.0.0.1]'), '--channel', 'ch-beauty']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^error: /);
      expect(run.stderr).toContain('npm run loadtest -- playback --target URL --channel ID');
    }
    expect(runs[2]?.stderr).toContain('refusing non-loopback target');
    expect(requests).toEqual([]);
  });
});

describe('playback against the real local stack', () => {
  const DURATION_S = 12;
  let stack: RunningStack;
  let dataDir: string;
  let outDir: string;
  let metricsUrl: string;
  let result: PlaybackResult;
  let originSegments: number;
  let originPlaylists: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-lt-playback-'));
    outDir = await mkdtemp(join(tmpdir(), 'banjjak-lt-playback-report-'));
    const originMetricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${originMetricsPort}/metrics`;
    stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN: 'playback-e2e-admin-token-0123456789', SEED_DEMO: 'true', ORIGIN_METRICS_PORT: String(originMetricsPort) });
    const origin = async (kind: string) => sumOf(await scrape(metricsUrl), 'banjjak_hls_requests_total', { channel: 'ch-beauty', kind });
    const [segmentsBefore, playlistsBefore] = [await origin('segment'), await origin('playlist')];
    result = await runPlayback({ target: stack.url, channel: 'ch-beauty', viewers: 50, rampSeconds: 3, durationSeconds: DURATION_S, rendition: 'mixed', concurrency: 64, workers: 2, maxRequests: 100_000, outDir, json: false, allowRemote: false });
    originSegments = (await origin('segment')) - segmentsBefore;
    originPlaylists = (await origin('playlist')) - playlistsBefore;
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('starts every viewer, with no error, and measures their startup', async () => {
    const { report } = result;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.viewers).toMatchObject({ arrived: 50, started: 50, neverStarted: 0, gaveUp: 0, byRendition: { '240p': 25, '360p': 25 } });
    expect(report.errorsByStatus).toEqual({});
    expect(report.startupMs?.samples).toBe(50);
    expect(report.startupMs!.p50).toBeGreaterThan(0);
    expect(report.startupMs!.p90).toBeGreaterThanOrEqual(report.startupMs!.p50);
    expect(report.rebuffer.ratio).toBeGreaterThanOrEqual(0);
    expect(report.rebuffer.ratio).toBeLessThan(1);
    expect(JSON.parse(await readFile(result.file, 'utf8'))).toMatchObject({ scenario: 'playback', viewers: { started: 50 } });
  });

  it('fetches segments at the live cadence and reloads the playlists every target duration or so', () => {
    for (const viewer of result.viewers) {
      const watchedS = (viewer.endedAt - viewer.arrivedAt) / 1000;
      expect(viewer.targetDurationS).toBe(2);
      expect(viewer.segments, JSON.stringify(viewer)).toBeGreaterThanOrEqual(Math.floor(watchedS / 2) - 2);
      // Three behind the edge at the start, then one per target duration: never far more.
      expect(viewer.segments).toBeLessThanOrEqual(Math.ceil(watchedS / 2) + 4);
      expect(viewer.playlistLoads).toBeGreaterThanOrEqual(Math.floor(watchedS / 2) - 1);
      expect(viewer.playlistLoads).toBeLessThanOrEqual(Math.ceil(watchedS) + 2);
      expect(isBehindCadence(viewer)).toBe(false);
    }
    const { byKind } = result.report.requests;
    expect(byKind.master?.requests).toBe(50);
    expect(byKind.segment?.requests).toBe(result.viewers.reduce((sum, viewer) => sum + viewer.segments, 0));
  });

  it('costs the origin each segment once and about one playlist per rendition per second, not one per viewer', () => {
    const viewerSegments = result.report.requests.byKind.segment?.requests ?? 0;
    // Two renditions, a new segment every 2 s, plus the window each viewer starts in.
    expect(originSegments).toBeLessThanOrEqual(2 * (DURATION_S / 2 + 6));
    expect(originSegments).toBeGreaterThan(0);
    expect(viewerSegments).toBeGreaterThan(5 * originSegments);
    expect(originPlaylists).toBeLessThanOrEqual(2 * (DURATION_S + 2));
  });
});
