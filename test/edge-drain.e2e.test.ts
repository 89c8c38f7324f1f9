import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Longer than the 2 s after which the edge used to exit whatever was in flight.
const ORIGIN_DELAY_MS = 3_000;

/**
 * The Node edge stops as the origin does (core/node/drain.ts): on SIGTERM it stops accepting,
 * answers every request it had begun (here each waits 3 s on a slow origin), and exits 0.
 */
describe('the Node edge drains on SIGTERM', () => {
  let origin: Server;
  let originUrl: string;
  let originSeen = 0;

  beforeAll(async () => {
    origin = createServer((request, response) => {
      originSeen += 1;
      setTimeout(() => response.writeHead(201, { 'content-type': 'application/json' }).end('{"idToken":"x","userId":"guest_x","kind":"guest","expiresAt":"2026-12-08T00:00:00.000Z"}'), ORIGIN_DELAY_MS);
    });
    await new Promise<void>((listening) => origin.listen(0, '127.0.0.1', () => listening()));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => origin.close(() => closed())));

  it('answers every request in flight, refuses new connections, and exits 0', async () => {
    const root = resolve(import.meta.dirname, '..');
    const edge = fork(resolve(root, 'edge/entry/node.ts'), [], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ORIGIN_URL: originUrl, PORT: '0', HOST: '127.0.0.1', RATE_LIMITS: 'off', LOG_LEVEL: 'warn' },
      execArgv: ['--import', 'tsx', '--disable-warning=NodeVersionSupportWarning'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const exited = new Promise<number | null>((done) => edge.once('exit', (code) => done(code)));
    const port = await new Promise<number>((ready) => edge.on('message', (message: { type?: string; port?: number }) => message.type === 'ready' && ready(message.port!)));
    const base = `http://127.0.0.1:${port}`;
    const agent = new Agent({ connections: 4 });

    const inFlight = Array.from({ length: 4 }, () => fetch(`${base}/api/auth/guest`, { method: 'POST', dispatcher: agent }).then(async (response) => ({ status: response.status, connection: response.headers.get('connection'), body: await response.text() })));
    while (originSeen < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    const stoppedAt = Date.now();
    edge.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = await fetch(`${base}/api/health`, { dispatcher: new Agent() }).then(() => 'answered', (error: Error) => String((error.cause as { code?: string } | undefined)?.code));

    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual(Array(4).fill(201));
    expect(late).toBe('ECONNREFUSED');
    expect(await exited).toBe(0);
    // It waited for the slow answers instead of cutting them after a fixed delay.
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(ORIGIN_DELAY_MS - 300);
    await agent.close();
  }, 60_000);
});
