import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
export const WEB_INDEX = resolve(root, 'dist/web/index.html');

/**
 * `npm test` builds the web app before Vitest runs; a lone `vitest run` may not have. Builds
 * `dist/web` with `npx vite build` only when its index.html is missing.
 */
export async function ensureWebBuild(timeoutMs = 120_000): Promise<void> {
  if (existsSync(WEB_INDEX)) return;
  const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`vite build did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      done(exitCode);
    });
  });
  if (code !== 0 || !existsSync(WEB_INDEX)) throw new Error(`vite build exited with ${code}, ${WEB_INDEX} missing:\n${output}`);
}
