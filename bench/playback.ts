/**
 * `npm run bench:playback`: what a crowd of viewers on one live channel costs the origin.
 *
 * Starts the local stack itself (its origin's Prometheus listener on a known port), plays
 * `ch-beauty` with BENCH_VIEWERS viewers (2,000) arriving over BENCH_RAMP_SECONDS (20) and watching
 * until BENCH_DURATION_SECONDS (60), half on each rendition, and prints side by side the requests
 * per second the viewers sent to the edge and the HLS files per second the origin served
 * (`banjjak_hls_requests_total`, read before and after), per rendition, with the viewers' startup
 * p50/p90 and rebuffer ratio. Both rates are over the same window: the whole run, ramp included.
 * Loopback only; the load generator shares the machine with the stack.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlayback } from '../loadtest/playback/run-playback.js';
import { scrape, type Sample } from '../test/support/prometheus-text.js';
import { freePort, startStack } from '../test/support/start-stack.js';

const CHANNEL = process.env.BENCH_CHANNEL ?? 'ch-beauty';
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? 20);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 60);
const ADMIN_TOKEN = 'bench-playback-admin-token-0123456789';

const loadavg = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => 'n/a')).split(' ').slice(0, 3).join(' ');
const perRendition = (samples: Sample[]) => {
  const out = new Map<string, { playlist: number; segment: number }>();
  for (const sample of samples) {
    if (sample.name !== 'banjjak_hls_requests_total' || sample.labels.channel !== CHANNEL) continue;
    const { rendition = '?', kind } = sample.labels;
    const entry = out.get(rendition) ?? { playlist: 0, segment: 0 };
    if (kind === 'playlist' || kind === 'segment') entry[kind] += sample.value;
    out.set(rendition, entry);
  }
  return out;
};
const master = (samples: Sample[]) => samples.filter((sample) => sample.name === 'banjjak_hls_requests_total' && sample.labels.channel === CHANNEL && sample.labels.kind === 'master').reduce((sum, sample) => sum + sample.value, 0);

const dataDir = await mkdtemp(join(tmpdir(), 'banjjak-bench-playback-'));
const outDir = await mkdtemp(join(tmpdir(), 'banjjak-bench-playback-report-'));
const metricsPort = await freePort();
const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
const loadBefore = await loadavg();
const stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true', ORIGIN_METRICS_PORT: String(metricsPort) }, 90_000);
try {
  const before = await scrape(metricsUrl);
  const { report, viewers } = await runPlayback(
    { target: stack.url, channel: CHANNEL, viewers: VIEWERS, rampSeconds: RAMP_SECONDS, durationSeconds: DURATION_SECONDS, rendition: 'mixed', concurrency: 256, workers: availableParallelism(), maxRequests: 2_000_000, outDir, json: false, allowRemote: false },
    { log: (line) => console.log(line) },
  );
  const after = await scrape(metricsUrl);
  const loadAfter = await loadavg();
  const seconds = report.durationSeconds;
  const [start, end] = [perRendition(before), perRendition(after)];
  const rate = (count: number) => (count / seconds).toFixed(1).padStart(9);

  console.log(`\nbench:playback — one run on this machine (${availableParallelism()} cores); load average ${loadBefore} before, ${loadAfter} after`);
  console.log(`${CHANNEL}: ${VIEWERS} viewers arriving over ${RAMP_SECONDS} s, ${seconds} s in all, renditions in turn; rates over the whole run\n`);
  console.log('  rendition   viewers   edge playlists/s   edge segments/s   origin playlists/s   origin segments/s');
  for (const rendition of [...end.keys()].sort()) {
    const mine = viewers.filter((viewer) => viewer.rendition === rendition);
    const edgePlaylists = mine.reduce((sum, viewer) => sum + viewer.playlistLoads, 0);
    const edgeSegments = mine.reduce((sum, viewer) => sum + viewer.segments, 0);
    const origin = end.get(rendition)!;
    const was = start.get(rendition) ?? { playlist: 0, segment: 0 };
    console.log(`  ${rendition.padEnd(9)} ${String(mine.length).padStart(9)} ${rate(edgePlaylists).padStart(18)} ${rate(edgeSegments).padStart(17)} ${rate(origin.playlist - was.playlist).padStart(20)} ${rate(origin.segment - was.segment).padStart(19)}`);
  }
  console.log(`  master playlist: ${report.requests.byKind.master?.requests ?? 0} at the edge, ${master(after) - master(before)} at the origin`);
  console.log(`  all kinds: ${report.requests.rps.toFixed(1)} req/s at the edge\n`);
  const startup = report.startupMs;
  console.log(`startup p50 ${startup?.p50.toFixed(0)} ms, p90 ${startup?.p90.toFixed(0)} ms, p99 ${startup?.p99.toFixed(0)} ms; rebuffer ratio ${(report.rebuffer.ratio * 100).toFixed(2)} %, ${report.rebuffer.stallsPerViewer.toFixed(2)} stalls per viewer; ${report.viewers.started}/${report.viewers.arrived} started; errors ${JSON.stringify(report.errorsByStatus)}`);
  if (!report.ok) {
    console.log(`FAILED: ${report.problems.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
}
