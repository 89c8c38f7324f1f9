import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import dynalite from 'dynalite';

/**
 * bench:edge — in one run on this machine: a bare Hono hello-world, the edge's cached queue state,
 * and /status with a repeated valid token (autocannon, same connections and duration), with the
 * ratios to hello-world and the requests that reached the origin. Every server is a child process;
 * this process only drives the load and counts origin requests through a pass-through proxy.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const root = resolve(import.meta.dirname, '..');
const adminToken = randomBytes(18).toString('base64url');
const children: ChildProcess[] = [];

function start(entry: string, env: Record<string, string>): Promise<number> {
  const child = fork(resolve(root, entry), [], {
    cwd: root,
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--disable-warning=NodeVersionSupportWarning'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((done, fail) => {
    child.on('message', (message: { type?: string; port?: number }) => message.type === 'ready' && done(message.port!));
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}`)));
  });
}

const db = dynalite({ createTableMs: 0 });
await new Promise<void>((done) => db.listen(0, '127.0.0.1', () => done()));
const originPort = await start('origin/main.ts', {
  BANJJAK_STACK: 'local',
  ADMIN_TOKEN: adminToken,
  DYNAMODB_ENDPOINT: `http://127.0.0.1:${(db.address() as AddressInfo).port}`,
  DATA_DIR: resolve(root, '.data/bench-edge'),
  SEED_DEMO: 'false',
});

let originRequests = 0;
const proxy = createServer((req, res) => {
  originRequests += 1;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection')) as Record<string, string>;
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    fetch(`http://127.0.0.1:${originPort}${req.url}`, { method: req.method, headers, ...(body && { body }) })
      .then(async (upstream) => {
        res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
});
await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', () => done()));
const edgePort = await start('edge/entry/node.ts', {
  PORT: '0',
  HOST: '127.0.0.1',
  ORIGIN_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
  RATE_LIMITS: 'off',
  WEB_DIR: resolve(root, 'dist/web'),
});
const helloPort = await start('bench/hello-server.ts', {});

const edge = `http://127.0.0.1:${edgePort}`;
const post = async (path: string, token: string, body?: unknown) => {
  const response = await fetch(`${edge}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return (await response.json()) as Record<string, string>;
};
const now = Date.now();
await post('/api/admin/events', adminToken, {
  id: 'bench',
  title: 'Bench drop',
  kind: 'booking',
  startsAt: new Date(now - 60_000).toISOString(),
  queueAll: true,
  admission: { newUsersPerMinute: 60, maxActiveUsers: 100, sessionSeconds: 600 },
  items: [{ id: 'slot', label: 'slot', capacity: 100, perUserLimit: 1 }],
});
const guest = await post('/api/auth/guest', '');
const { queueToken } = await post('/api/queue/bench/join', guest.idToken!);

async function run(name: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up, not reported
  const before = originRequests;
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const errors = result.errors + result.non2xx;
  return { name, rps: result.requests.average, p99: result.latency.p99, errors, origin: originRequests - before };
}

const results = [
  await run('hello-world (bare Hono)', `http://127.0.0.1:${helloPort}/`),
  await run('edge GET /api/queue/:id/state', `${edge}/api/queue/bench/state`),
  await run('edge GET /api/queue/:id/status', `${edge}/api/queue/bench/status`, { authorization: `Bearer ${queueToken}` }),
];
const base = results[0]!.rps;
console.log(`\nbench:edge — ${connections} connections, ${seconds} s each, one run on this machine\n`);
console.log('run                               req/s    p99 ms  ratio  errors  origin requests');
for (const r of results) {
  const origin = r.name.startsWith('hello') ? '' : `${r.origin} (${(r.origin / seconds).toFixed(1)}/s)`;
  console.log(`${r.name.padEnd(32)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p99).padStart(8)} ${(r.rps / base).toFixed(2).padStart(6)} ${String(r.errors).padStart(7)}  ${origin}`);
}
console.log('\ntargets: state ≥ 0.70 × hello-world, status ≥ 0.50 × hello-world, origin ≤ 2 requests/s during the state run');

for (const child of children) child.kill('SIGTERM');
proxy.close();
db.close();
