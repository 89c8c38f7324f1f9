import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** Output kept after the stack is up, in characters. */
const MAX_TAIL = 1_000_000;

export interface RunningStack {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts the real local stack (`local/start.ts`: dynalite + origin + edge) and waits until it serves. */
export async function startStack(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningStack> {
  const port = env.PORT ?? String(await freePort());
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'local/start.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Everything up to "running" (the banner tests read), then the latest MAX_TAIL characters: a
  // load test makes a request line per request, which must neither fill memory nor be rescanned.
  let startup = '';
  const tail: string[] = [];
  let tailLength = 0;
  let started = false;
  const append = (chunk: Buffer) => {
    if (!started) {
      startup += chunk.toString();
      return;
    }
    tail.push(chunk.toString());
    tailLength += tail.at(-1)!.length;
    while (tailLength > MAX_TAIL && tail.length > 1) tailLength -= tail.shift()!.length;
  };
  const output = () => startup + tail.join('');
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`stack did not start in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = () => {
      if (!startup.includes('is running on')) return;
      started = true;
      child.stdout.off('data', check);
      clearTimeout(timer);
      done();
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`stack exited with ${code}:\n${output()}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
