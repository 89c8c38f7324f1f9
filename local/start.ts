import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import dynalite from 'dynalite';
import { DEMO_MEMBERS } from '../origin/demo/seed-demo.js';

/**
 * `npm start`: the whole stack on embedded defaults. dynalite (data under DATA_DIR) runs in this
 * process; the origin (127.0.0.1, a port of its own) and the edge (PORT) run as children. Internal
 * ports are picked by the OS, so stacks with different PORT/DATA_DIR run side by side.
 */
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const generatedToken = !process.env.ADMIN_TOKEN;
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(24).toString('base64url');
const demoPassword = process.env.DEMO_PASSWORD ?? 'flashdrop';
const root = resolve(import.meta.dirname, '..');
/** Prometheus listeners of the origin and the edge, on 127.0.0.1 only; 0 picks a free port. */
const metricsPorts = { origin: process.env.ORIGIN_METRICS_PORT ?? '0', edge: process.env.EDGE_METRICS_PORT ?? '0' };

await mkdir(dataDir, { recursive: true });
// A generated token goes to a file only the operator can read, never to the terminal or a CI log.
const adminTokenFile = resolve(dataDir, 'admin-token');
if (generatedToken) await writeFile(adminTokenFile, `${adminToken}\n`, { mode: 0o600 });
const dynamo = dynalite({ path: resolve(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
await new Promise<void>((done) => dynamo.listen(0, '127.0.0.1', () => done()));
const dynamoPort = (dynamo.address() as AddressInfo).port;

const children: ChildProcess[] = [];
let stopping = false;

interface Started {
  port: number;
  metricsPort?: number;
}

function start(entry: string, env: Record<string, string>): Promise<Started> {
  const child = fork(resolve(root, entry), [], {
    cwd: root,
    // The AWS SDK's notice about Node 22 is for deployments; on the embedded stack it is noise.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...process.env,
      ...env,
    },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((done, fail) => {
    child.on('message', (message: { type?: string; port?: number; metricsPort?: number }) => {
      if (message.type === 'ready' && message.port) done({ port: message.port, metricsPort: message.metricsPort });
    });
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${entry} exited with code ${code}; stopping the stack`);
        void stop(1);
      }
      fail(new Error(`${entry} exited with code ${code}`));
    });
  });
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await new Promise<void>((done) => dynamo.close(() => done()));
  process.exit(code);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

const origin = await start('origin/main.ts', {
  // The embedded stack: in-memory queue and gate unless REDIS_URL / UPSTASH_* name a Redis.
  BANJJAK_STACK: 'local',
  ORIGIN_PORT: '0',
  DATA_DIR: dataDir,
  ADMIN_TOKEN: adminToken,
  DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamoPort}`,
  SEED_DEMO: process.env.SEED_DEMO ?? 'true',
  DEMO_PASSWORD: demoPassword,
  METRICS_PORT: metricsPorts.origin,
});
const edge = await start('edge/entry/node.ts', {
  PORT: String(port),
  ORIGIN_URL: `http://127.0.0.1:${origin.port}`,
  WEB_DIR: resolve(root, 'dist/web'),
  METRICS_PORT: metricsPorts.edge,
});
const metricsUrl = (started: Started) => (started.metricsPort ? `http://127.0.0.1:${started.metricsPort}/metrics` : 'off');

console.log(
  [
    '',
    `  반짝 Banjjak is running on http://localhost:${edge.port}`,
    '',
    `  data          ${dataDir}`,
    `  origin        http://127.0.0.1:${origin.port} (loopback only)`,
    `  metrics       edge ${metricsUrl(edge)}, origin ${metricsUrl(origin)} (loopback only)`,
    // Tokens and passwords are never printed: a terminal is shared, a CI log is kept.
    `  admin token   ${generatedToken ? `generated, in ${adminTokenFile} (set ADMIN_TOKEN to choose one)` : 'from ADMIN_TOKEN (not shown)'}`,
    `  demo members  ${DEMO_MEMBERS.join(', ')} (password: DEMO_PASSWORD, see README.md)`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);
