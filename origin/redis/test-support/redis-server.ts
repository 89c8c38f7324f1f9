import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';

const BINARY = 'redis-server';

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Whether the Redis-backed suites can run here. DESIGN.md §5: under CI=true a missing
 * redis-server is a failure, not a skip; elsewhere the suites skip and say why.
 */
export function redisServerAvailable(): boolean {
  const found = spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
  if (found) return true;
  if (process.env.CI === 'true') throw new Error(`${BINARY} not found on PATH: CI must run the Redis suites (apt-get install redis-server)`);
  console.warn(`${BINARY} not found on PATH: skipping the suites that need a real Redis (install redis-server to run them)`);
  return false;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Starts a private, throwaway redis-server (no persistence) on a free port; `stop` ends it by pid. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${BINARY} did not start`);
  for (let attempt = 0; !(await accepts(port)); attempt += 1) {
    if (attempt > 200 || child.exitCode !== null) {
      process.kill(pid, 'SIGKILL');
      throw new Error(`${BINARY} on port ${port} did not come up`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    async stop() {
      if (child.exitCode === null) process.kill(pid, 'SIGTERM');
      await exited;
    },
  };
}
