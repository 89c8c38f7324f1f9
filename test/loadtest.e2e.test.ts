import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etaSeconds, refreshAfterMs } from '../core/index.js';
import type { EventView } from '../core/index.js';
import { parseArgs } from '../loadtest/args.js';
import { splitRun } from '../loadtest/runner/split-run.js';
import { pollLoadModel } from '../loadtest/model/poll-load-model.js';
import { runLoadTest } from '../loadtest/run-load-test.js';

const root = resolve(import.meta.dirname, '..');
const ADMIN_TOKEN = 'loadtest-e2e-admin-token-0123456789';

/** Runs the CLI as a user would (without npm's banner), collecting exit code and output. */
async function cli(args: string[], env: Record<string, string> = {}, entry = 'loadtest/cli.ts'): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr, ms: Date.now() - started };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

describe('loadtest arguments', () => {
  it('parses a run with defaults, and the operator token from the environment', () => {
    const parsed = parseArgs(['--target', 'http://127.0.0.1:3000', '--scenario', 'booking-race', '--seats', '50'], { ADMIN_TOKEN: 'from-env' });
    expect(parsed).toMatchObject({ kind: 'run', options: { target: 'http://127.0.0.1:3000', scenario: 'booking-race', seats: 50, adminToken: 'from-env', allowRemote: false } });
  });

  it('accepts loopback targets only, unless --allow-remote', () => {
    for (const target of ['http://localhost:1', 'http://127.9.8.7:1', 'http://[::1]:1']) {
      expect(parseArgs(['--target', target, '--scenario', 'soak', '--admin-token', 't']).kind).toBe('run');
    }
    expect(parseArgs(['--target', 'http://10.0.0.1:3000', '--scenario', 'soak', '--admin-token', 't'])).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/non-loopback target: the load would go to http:\/\/10\.0\.0\.1:3000 .*--allow-remote/),
    });
    // By literal, never by DNS: a name that resolves to 127.0.0.1 is still refused.
    expect(parseArgs(['--target', 'http://localtest.me:3000', '--scenario', 'soak', '--admin-token', 't']).kind).toBe('error');
    expect(parseArgs(['--target', 'http://10.0.0.1:3000', '--scenario', 'soak', '--admin-token', 't', '--allow-remote']).kind).toBe('run');
  });

  it('splits the run over worker threads, and takes the open-model figures', () => {
    const parsed = parseArgs(['--target', 'http://127.0.0.1:3000', '--scenario', 'poll-storm', '--workers', '3', '--rps', '2500', '--admin-token', 't']);
    expect(parsed).toMatchObject({ kind: 'run', options: { workers: 3, rps: 2500, burstSeconds: 2 } });
    if (parsed.kind !== 'run') return;
    const setups = splitRun({ ...parsed.options, visitors: 100, concurrency: 64, maxRequests: 1000 }, { id: 'e' } as EventView);
    expect(setups.map((setup) => setup.share.visitors)).toEqual([34, 33, 33]);
    expect(setups.map((setup) => setup.connections)).toEqual([22, 21, 21]);
    expect(setups.reduce((sum, setup) => sum + setup.maxRequests, 0)).toBe(1000);
    expect(setups.every((setup) => Math.abs(setup.share.rps - 2500 / 3) < 1e-9)).toBe(true);
    // Never more workers than visitors.
    expect(splitRun({ ...parsed.options, visitors: 2 }, { id: 'e' } as EventView)).toHaveLength(2);
  });

  it.each([
    [['--scenario', 'flash-crowd', '--admin-token', 't'], '--target is required'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak', '--workers', '0', '--admin-token', 't'], '--workers must be between'],
    [['--target', 'http://localhost:3000', '--scenario', 'poll-storm', '--rps', 'fast', '--admin-token', 't'], '--rps must be a positive whole number'],
    [['--target', 'localhost:3000', '--scenario', 'soak', '--admin-token', 't'], 'must be http(s)'],
    [['--target', 'not a url', '--scenario', 'soak', '--admin-token', 't'], 'not a URL'],
    [['--target', 'http://localhost:3000', '--scenario', 'stampede', '--admin-token', 't'], 'unknown scenario "stampede"'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak', '--visitors', 'ten', '--admin-token', 't'], '--visitors must be a positive whole number'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak', '--duration', '1.5', '--admin-token', 't'], '--duration must be a positive whole number'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak', '--seats', '0', '--admin-token', 't'], '--seats must be between'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak'], 'operator token is required'],
    [['--target', 'http://localhost:3000', '--scenario', 'soak', '--admin-token', 't', '--bogus'], "Unknown option '--bogus'"],
    [['--model'], '--visitors is required'],
  ])('rejects %j', (argv, message) => {
    expect(parseArgs(argv, {})).toMatchObject({ kind: 'error', message: expect.stringContaining(message) });
  });
});

describe('loadtest CLI on bad input', () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  let target = '';
  beforeAll(async () => {
    target = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('prints one error line and the usage, exits 2 and sends no request', async () => {
    const runs = await Promise.all([
      cli(['--target', target, '--scenario', 'stampede'], { ADMIN_TOKEN }),
      cli(['--target', target, '--scenario', 'flash-crowd', '--visitors', 'lots'], { ADMIN_TOKEN }),
      cli(['--target', 'http//nope', '--scenario', 'flash-crowd'], { ADMIN_TOKEN }),
      cli(['--scenario', 'flash-crowd'], { ADMIN_TOKEN }),
      cli(['--target', target, '--scenario', 'flash-crowd', '--workers', '-1'], { ADMIN_TOKEN }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^error: /);
      expect(run.stderr).toContain('usage: npm run loadtest');
    }
    expect(requests).toEqual([]);
  });

  it('refuses a remote target unless --allow-remote, saying where the load would have gone, and sends nothing', async () => {
    // An IPv4-mapped IPv6 literal is not on the loopback list, yet routes to the listening server
    // above: had the tool sent anything, `requests` would show it.
    const mapped = target.replace('127.0.0.1', '[::ffff:127.0.0.1]');
    const run = await cli(['--target', mapped, '--scenario', 'flash-crowd'], { ADMIN_TOKEN });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `error: refusing non-loopback target: the load would go to ${new URL(mapped).origin} (host [::ffff:7f00:1], not 127.0.0.0/8, localhost or [::1]); pass --allow-remote to send it there`,
    );
    expect(requests).toEqual([]);
  });

  it('loadtest:artillery keeps the same rules: exit 2 and no request on bad input or a remote target', async () => {
    const runs = await Promise.all([
      cli(['--target', target, '--visitors', 'lots'], { ADMIN_TOKEN }, 'loadtest/artillery/cli.ts'),
      cli(['--target', target, '--platform', 'k8s'], { ADMIN_TOKEN }, 'loadtest/artillery/cli.ts'),
      cli(['--target', target], {}, 'loadtest/artillery/cli.ts'),
      cli(['--target', 'https://drop.example.com'], { ADMIN_TOKEN }, 'loadtest/artillery/cli.ts'),
      cli(['--target', target.replace('127.0.0.1', '[::ffff:127.0.0.1]')], { ADMIN_TOKEN }, 'loadtest/artillery/cli.ts'),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage: npm run loadtest:artillery');
    }
    expect(runs[3]?.stderr).toContain('the load would go to https://drop.example.com');
    expect(requests).toEqual([]);
  });

  it('fails within seconds, with a clear message, when the target is unreachable', async () => {
    const run = await cli(['--target', `http://127.0.0.1:${await freePort()}`, '--scenario', 'flash-crowd'], { ADMIN_TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: http:\/\/127\.0\.0\.1:\d+ is unreachable: GET \/api\/health gave no answer \(.*ECONNREFUSED/);
    expect(run.ms).toBeLessThan(10_000);
  });
});

describe('loadtest against a target that misbehaves', () => {
  // Just enough of the operator API for a run; `join` answers a 500 or a 201 that is not JSON.
  let joins = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const url = req.url ?? '';
      if (url === '/api/health') return json(200, { status: 'ok' });
      if (req.method === 'POST' && url === '/api/admin/events') {
        const event = JSON.parse(body) as { items: { capacity: number }[]; admission: object; queueAll: boolean };
        return json(201, { ...event, status: 'open', admission: { ...event.admission, queueAll: event.queueAll }, items: event.items.map((item) => ({ ...item, remaining: item.capacity })) });
      }
      if (url.endsWith('/stats')) return json(200, { status: 'open', tailSeq: 0, servingSeq: 0, waiting: 0, active: 0, admitted: 0, booked: 0, remaining: 5, items: [] });
      // The waiting-room page loads the event before the visitor joins.
      if (req.method === 'GET' && url.startsWith('/api/events/')) return json(200, { id: 'e', guestsAllowed: true, items: [{ id: 'slot-1', remaining: 5 }] });
      if (url.endsWith('/bookings') && req.method === 'GET') return json(200, { bookings: [] });
      if (req.method === 'PATCH') return json(200, {});
      if (url === '/api/auth/guest') return json(201, { idToken: 'id', userId: `guest-${Math.random()}` });
      if (url.endsWith('/join')) {
        joins += 1;
        if (joins % 2 === 0) return res.writeHead(201, { 'content-type': 'application/json' }).end('{"queueToken":');
        return json(500, { type: 'about:blank', title: 'Internal error', status: 500, code: 'internal' });
      }
      return json(404, { code: 'not_found' });
    });
  });
  let target = '';
  beforeAll(async () => {
    target = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('still writes its report, marks the server errors with samples, and exits 1', async () => {
    const out = await mkdtemp(join(tmpdir(), 'banjjak-lt-bad-'));
    const run = await cli(['--target', target, '--scenario', 'flash-crowd', '--visitors', '10', '--seats', '5', '--duration', '10', '--workers', '2', '--out', out], { ADMIN_TOKEN });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('INVARIANT FAILED');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { errorsByCode: Record<string, number>; invariants: { name: string; ok: boolean; detail: string }[]; samples: { response: string }[] };
    expect(report.errorsByCode).toMatchObject({ internal: expect.any(Number), malformed_body: expect.any(Number) });
    const unexpected = report.invariants.find((check) => check.name === 'no server errors or unexpected answers');
    expect(unexpected).toMatchObject({ ok: false, detail: expect.stringContaining('queue.join') });
    expect(report.samples.map((sample) => sample.response)).toEqual(expect.arrayContaining(['{"queueToken":']));
    await access(join(out, 'report.html'));
    await rm(out, { recursive: true, force: true });
  });
});

describe('poll-load model', () => {
  it('uses core refreshAfterMs: a million visitors at 600/min poll about ten times less than every 3 s', () => {
    const load = pollLoadModel({ visitors: 1_000_000, ratePerMinute: 600, fixedPollSeconds: 3 });
    expect(load.fixedRps).toBeCloseTo(333_333.3, 0);
    // Beyond 240 s of wait everyone polls at the 30 s ceiling; nearer the front, faster.
    const front = Array.from({ length: 2400 }, (_, i) => 1000 / refreshAfterMs(etaSeconds(i + 1, 600))).reduce((a, b) => a + b, 0);
    expect(load.adaptiveRps).toBeCloseTo(front + (1_000_000 - 2400) / 30, 3);
    expect(load.ratio).toBeGreaterThan(9);
    expect(load.drainSeconds).toBe(100_000);
  });

  it('is printed by the CLI without any network', async () => {
    const run = await cli(['--model', '--visitors', '1000000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1,000,000 waiting visitors, admitted at 600/min');
    expect(run.stdout).toMatch(/adaptive \(core refreshAfterMs\)\s+33,601/);
    expect(run.stdout).toMatch(/fixed 3 s poll\s+333,333/);
    expect(run.stdout).toMatch(/9\.9× fewer/);
  });
});

describe('flash crowd against a local stack', () => {
  let stack: ChildProcess | undefined;
  let target = '';
  let dataDir = '';
  let outDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-lt-data-'));
    outDir = await mkdtemp(join(tmpdir(), 'banjjak-lt-report-'));
    const port = await freePort();
    // Its own process group, so afterAll can stop npx, tsx and the stack's children together.
    stack = spawn('npx', ['tsx', 'local/start.ts'], {
      cwd: root,
      detached: true,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMITS: 'off', SEED_DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    target = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`stack did not start within 90 s:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running on (http:\/\/localhost:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          done(match[1].replace('localhost', '127.0.0.1'));
        }
      };
      stack?.stdout?.on('data', onData);
      stack?.stderr?.on('data', onData);
      stack?.once('exit', (code) => fail(new Error(`stack exited with ${code}:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (stack?.pid !== undefined && stack.exitCode === null) {
      const exited = once(stack, 'exit');
      process.kill(-stack.pid, 'SIGTERM');
      const timer = setTimeout(() => stack?.pid !== undefined && process.kill(-stack.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('2,000 visitors for 200 places: every invariant holds and the report is written', async () => {
    const { report, files } = await runLoadTest({
      target,
      scenario: 'flash-crowd',
      visitors: 2000,
      seats: 200,
      durationSeconds: 90,
      ratePerMinute: 3000,
      concurrency: 128,
      workers: 2,
      burstSeconds: 2,
      rps: 1000,
      maxRequests: 200_000,
      outDir,
      adminToken: ADMIN_TOKEN,
      allowRemote: false,
    });
    expect(report.invariants.filter((check) => !check.ok)).toEqual([]);
    expect(report.invariants.map((check) => check.name)).toEqual(
      expect.arrayContaining(['no item above capacity', 'at most perUserLimit per identity', 'every 201 seen by a client is in the ledger', 'admission follows seq order']),
    );
    expect(report.final?.booked).toBe(200);
    expect(report.visitors.booked).toBe(200);
    expect(report.config.workers).toBe(2);
    // The web app's journey: one token-less join per visitor; only a join refused at arrival (sold
    // out) is followed by a guest identity and the waiting room's own join with it.
    const guests = report.endpoints['auth.guest']?.requests ?? 0;
    expect(report.endpoints['queue.join']?.requests).toBe(2000 + guests);
    expect(report.endpoints['queue.state']).toBeUndefined();
    expect(report.endpoints['queue.status']?.requests).toBeGreaterThan(0);
    await access(files.html);
    const written = JSON.parse(await readFile(files.json, 'utf8')) as typeof report;
    expect(written.endpoints['queue.status']).toMatchObject({ requests: expect.any(Number), p50: expect.any(Number), p99: expect.any(Number), samples: expect.any(Number), errors: expect.any(Number) });
    expect(written.endpoints['queue.status']?.samples).toBeGreaterThanOrEqual(written.endpoints['queue.status']?.requests ?? Infinity);
    const html = await readFile(files.html, 'utf8');
    expect(html).toContain('<svg');
    // Self-contained: no script, no stylesheet or image fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });
});
