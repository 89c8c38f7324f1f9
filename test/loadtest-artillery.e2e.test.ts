import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from './support/start-stack.js';

const root = resolve(import.meta.dirname, '..');
const ADMIN_TOKEN = 'loadtest-artillery-admin-token-0123456789';

/** `npm run loadtest:artillery` as a user runs it (without npm's banner). */
async function loadtestArtillery(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/artillery/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('the Artillery scenario against a local stack', () => {
  let stack: RunningStack | undefined;
  let dataDir = '';
  let outDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-art-data-'));
    outDir = await mkdtemp(join(tmpdir(), 'banjjak-art-report-'));
    stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMITS: 'off', SEED_DEMO: 'false' }, 90_000);
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('plays 150 arrivals in 2 s for 30 places through Artillery, then every invariant holds in the ledger', async () => {
    const run = await loadtestArtillery(['--target', stack?.url ?? '', '--visitors', '150', '--burst', '2', '--seats', '30', '--duration', '60', '--out', outDir]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('all invariants hold');
    const checks = JSON.parse(await readFile(join(outDir, 'checks.json'), 'utf8'));
    expect(checks.ok).toBe(true);
    expect(checks.invariants.map((check: { name: string }) => check.name)).toEqual(
      expect.arrayContaining(['no item above capacity', 'at most perUserLimit per identity', 'every 201 seen by a client is in the ledger', 'stats agree with the ledger', 'no server errors or unexpected answers']),
    );
    expect(checks.final.booked).toBe(30);
    // The web app's journey, counted by Artillery: a token-less join per arrival, polls of /status, admit, booking.
    expect(checks.counters['vusers.created']).toBe(150);
    expect(checks.counters['vusers.failed'] ?? 0).toBe(0);
    expect(checks.counters['banjjak.booked']).toBe(30);
    expect(checks.endpoints['queue.join'].requests).toBe(150 + (checks.endpoints['auth.guest']?.requests ?? 0));
    expect(checks.endpoints['queue.status'].requests).toBeGreaterThan(0);
    expect(checks.endpoints['queue.admit'].requests).toBeGreaterThanOrEqual(30);
    expect(checks.endpoints['queue.state']).toBeUndefined();
  });
});
