import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface OriginProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<string>;
  /** SIGKILL: no shutdown hook runs, requests in flight die with it. */
  kill(): Promise<string>;
  /** SIGTERM and wait. */
  stop(): Promise<string>;
}

/**
 * `origin/main.ts` as its own process, exactly as the local stack forks it: ORIGIN_PORT=0, and the
 * origin reports its port over IPC (`{type:'ready', port}`) once its start-up reconciliation ran.
 */
export async function startOrigin(env: Record<string, string>, timeoutMs = 45_000): Promise<OriginProcess> {
  const root = resolve(import.meta.dirname, '../..');
  const child = fork(resolve(root, 'origin/main.ts'), [], {
    cwd: root,
    // Only what the origin needs: nothing from the test's own environment leaks into its config.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ORIGIN_PORT: '0', ...env },
    execArgv: ['--import', 'tsx', '--disable-warning=NodeVersionSupportWarning'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? String(code))));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`origin did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready' && message.port) {
        clearTimeout(timer);
        done(message.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`origin exited (${code}) before it was ready:\n${output}`));
    });
  });
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
