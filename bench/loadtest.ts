/**
 * `npm run bench:loadtest`: the load tester measured against a local stack it starts itself.
 *
 * 1. Poll rate: the poll-storm scenario (`GET /status` with queue tokens, open model, at most
 *    BENCH_POLL_CONNECTIONS unanswered) offered more than the stack can answer, then autocannon on
 *    the same endpoint of the same event, the same tokens in rotation, the same connections and
 *    duration, in the same run: the ratio of their requests per second (goal ≥ 0.7).
 * 2. Flash crowds: 2,000 and 10,000 arrivals in 2 s walking the web app's journey, with the join
 *    p50/p99 (measured from each visitor's due arrival instant) and every invariant checked.
 * The stack logs a line per request as deployed; LOG_LEVEL=warn runs it without them.
 * Bounded: about 20 s of polls, crowds capped by their --duration; loopback only.
 */
import autocannon from 'autocannon';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunOptions } from '../loadtest/args.js';
import type { Report } from '../loadtest/report/report.js';
import { runLoadTest } from '../loadtest/run-load-test.js';
import { startStack } from '../test/support/start-stack.js';

const POLL_SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? 10);
const POLL_CONNECTIONS = Number(process.env.BENCH_POLL_CONNECTIONS ?? 64);
/** Offered well above what one machine answers, so both tools are limited by the target, not by their schedule. */
const POLL_OFFERED_RPS = Number(process.env.BENCH_POLL_RPS ?? 20_000);
const CROWDS = (process.env.BENCH_CROWDS ?? '2000,10000').split(',').map(Number).filter((visitors) => visitors > 0);
const ADMIN_TOKEN = 'bench-loadtest-admin-token-0123456789';

const loadavg = async () => (await readFile('/proc/loadavg', 'utf8').catch(() => 'n/a')).split(' ').slice(0, 3).join(' ');
const n = (value: number) => Math.round(value).toLocaleString('en-US');

const dataDir = await mkdtemp(join(tmpdir(), 'banjjak-bench-lt-'));
const outDir = await mkdtemp(join(tmpdir(), 'banjjak-bench-lt-report-'));
const loadBefore = await loadavg();
const stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMITS: 'off', SEED_DEMO: 'false', ...(process.env.LOG_LEVEL && { LOG_LEVEL: process.env.LOG_LEVEL }) }, 90_000);
const base = (overrides: Partial<RunOptions> & Pick<RunOptions, 'scenario'>): RunOptions => ({
  target: stack.url,
  visitors: 100,
  durationSeconds: 60,
  seats: 100,
  ratePerMinute: 60,
  concurrency: 128,
  workers: availableParallelism(),
  burstSeconds: 2,
  rps: 1000,
  maxRequests: 2_000_000,
  outDir: undefined,
  adminToken: ADMIN_TOKEN,
  allowRemote: false,
  ...overrides,
});
const failed = (report: Report) => report.invariants.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`);

/** Queue tokens for `eventId`, from token-less joins (the one-request join). */
async function joinTokens(eventId: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const joined = await fetch(`${stack.url}/api/queue/${eventId}/join`, { method: 'POST' });
    tokens.push(((await joined.json()) as { queueToken: string }).queueToken);
  }
  return tokens;
}

/** autocannon on `/status` of `eventId`, the tokens in rotation. */
async function autocannonStatus(eventId: string, tokens: readonly string[], seconds: number) {
  let next = 0;
  const path = `/api/queue/${eventId}/status`;
  const setupRequest = (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } });
  const result = await autocannon({ url: stack.url, connections: POLL_CONNECTIONS, duration: seconds, requests: [{ method: 'GET', path, setupRequest }] });
  if (result.errors + result.non2xx > 0) console.log(`autocannon: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return { rps: result.requests.total / result.duration, p99: result.latency.p99 };
}

try {
  // Both tools meet a warm stack: a few seconds of /status on an event of its own first, not reported.
  const warmId = `bench-warm-${Date.now().toString(36)}`;
  const created = await fetch(`${stack.url}/api/admin/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: warmId, title: 'Warm-up', kind: 'booking', startsAt: new Date(Date.now() - 60_000).toISOString(), admission: { newUsersPerMinute: 60, maxActiveUsers: 100, sessionSeconds: 600 }, items: [{ id: 'slot', label: 'slot', capacity: 10, perUserLimit: 1 }] }),
  });
  if (created.status !== 201) throw new Error(`warm-up event: HTTP ${created.status} ${await created.text()}`);
  await autocannonStatus(warmId, await joinTokens(warmId, 20), 3);

  // 1. The poll scenario, then autocannon on the same event while it is still open.
  let autocannonRps = 0;
  let autocannonP99 = 0;
  const poll = await runLoadTest(base({ scenario: 'poll-storm', rps: POLL_OFFERED_RPS, durationSeconds: POLL_SECONDS, concurrency: POLL_CONNECTIONS, outDir: join(outDir, 'poll') }), {
    log: (line) => console.log(line),
    afterScenario: async (event) => {
      ({ rps: autocannonRps, p99: autocannonP99 } = await autocannonStatus(event.id, await joinTokens(event.id, 100), POLL_SECONDS));
    },
  });
  const status = poll.report.endpoints['queue.status'];
  const ours = status?.rps ?? 0;

  // 2. Flash crowds with the web app's journey.
  const crowds: { visitors: number; report: Report }[] = [];
  for (const visitors of CROWDS) {
    const seats = Math.max(100, visitors / 10);
    const { report } = await runLoadTest(base({ scenario: 'flash-crowd', visitors, seats, ratePerMinute: visitors >= 10_000 ? 6000 : 3000, durationSeconds: visitors >= 10_000 ? 150 : 90, outDir: join(outDir, `crowd-${visitors}`) }), { log: (line) => console.log(line) });
    crowds.push({ visitors, report });
  }
  const loadAfter = await loadavg();

  console.log(`\nbench:loadtest — one run on this machine (${availableParallelism()} cores, ${availableParallelism()} worker threads); load average ${loadBefore} before, ${loadAfter} after\n`);
  console.log(`poll scenario vs autocannon, GET /api/queue/:id/status, 100 queue tokens in rotation, ${POLL_CONNECTIONS} connections, ${POLL_SECONDS} s each`);
  console.log(`  load tester (poll-storm, offered ${n(POLL_OFFERED_RPS)}/s)  ${n(ours).padStart(7)} req/s   p99 ${status?.p99.toFixed(1)} ms (from when each poll was due)`);
  console.log(`  autocannon                                ${n(autocannonRps).padStart(7)} req/s   p99 ${autocannonP99} ms`);
  console.log(`  ratio ${(ours / autocannonRps).toFixed(2)} (goal ≥ 0.70)${failed(poll.report).length ? `; FAILED: ${failed(poll.report).join('; ')}` : ''}\n`);
  console.log('flash crowd, arrivals in 2 s, web app journey          run s   requests   booked   join p50 ms   join p99 ms   invariants');
  for (const { visitors, report } of crowds) {
    const join = report.endpoints['queue.join'];
    const problems = failed(report);
    console.log(
      `  ${n(visitors).padStart(6)} visitors, ${n(report.config.seats)} places, ${n(report.config.ratePerMinute)}/min`.padEnd(55) +
        `${report.durationSeconds.toFixed(1).padStart(6)} ${n(report.totals.requests).padStart(10)} ${n(report.visitors.booked).padStart(8)} ${join?.p50.toFixed(0).padStart(13)} ${join?.p99.toFixed(0).padStart(13)}   ${problems.length ? `FAILED ${problems.join('; ')}` : 'all ok'}`,
    );
  }
  if (failed(poll.report).length || crowds.some(({ report }) => !report.ok)) process.exitCode = 1;
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
}
