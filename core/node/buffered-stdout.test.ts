import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('./buffered-stdout.ts', import.meta.url).href;

/** Runs `body` in a Node child whose `out` is a buffered stdout; resolves with what reached its stdout, when. */
function child(body: string, untilLines: number) {
  const script = `import { createBufferedStdout } from ${JSON.stringify(moduleUrl)};\nconst out = createBufferedStdout();\n${body}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'ignore'] });
  const started = performance.now();
  let text = '';
  const seen: number[] = [];
  proc.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    seen.push(performance.now() - started);
  });
  return new Promise<{ lines: string[]; firstAtMs: number; code: number | null }>((done) => {
    const finish = (code: number | null) => done({ lines: text.split('\n').filter(Boolean), firstAtMs: seen[0] ?? Infinity, code });
    proc.once('exit', (code) => setTimeout(() => finish(code), 50));
    proc.stdout.on('data', () => {
      if (text.split('\n').filter(Boolean).length >= untilLines && untilLines > 0) {
        proc.kill('SIGKILL');
      }
    });
  });
}

describe('createBufferedStdout', { timeout: 20_000 }, () => {
  it('writes everything buffered when the process exits, by process.exit or by a crash', async () => {
    const exited = await child(`for (let i = 0; i < 50; i++) out.stream.write('line ' + i + '\\n');\nprocess.once('exit', () => out.flush());\nprocess.exit(3);`, 0);
    expect(exited.code).toBe(3);
    expect(exited.lines).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i}`));
    const crashed = await child(`process.once('exit', () => out.flush());\nout.stream.write('before the crash\\n');\nthrow new Error('boom');`, 0);
    expect(crashed.code).toBe(1);
    expect(crashed.lines).toContain('before the crash');
  });

  it('gathers short lines, and writes them within a second while traffic is light', async () => {
    // One short line, far below the 4 KB a write waits for: it must still come out, by the timer.
    const light = await child(`out.stream.write('lonely line\\n');\nsetTimeout(() => {}, 5_000);`, 1);
    expect(light.lines).toEqual(['lonely line']);
    expect(light.firstAtMs).toBeLessThan(4_000);
  });
});
