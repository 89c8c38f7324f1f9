import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEventSchema, type EventStats, type EventView } from '../../core/index.js';
import { checkInvariants } from '../checks/check-invariants.js';
import type { Invariant } from '../checks/invariant.js';
import { readLedger } from '../checks/read-ledger.js';
import { createLoadClient } from '../client/load-client.js';
import { createOperatorApi, OperatorError } from '../operator/operator-api.js';
import { defaultOutDir } from '../report/write-report.js';
import { TargetUnreachable } from '../run-load-test.js';
import { runClock } from '../runner/run-clock.js';
import { buildEvent } from '../scenarios/build-event.js';
import { artilleryCommand, type ArtilleryOptions } from './artillery-args.js';
import { readArtilleryRun, type ArtilleryOutput, type ArtilleryRun } from './artillery-report.js';
import { offlineTelemetryImport } from './offline-telemetry.js';

const here = dirname(fileURLToPath(import.meta.url));
const scenarioFile = join(here, 'flash-crowd.yml');
/** Where Artillery bundles the TypeScript processor; the repo is `"type": "module"`, the bundle is CommonJS. */
const bundleDir = join(here, 'dist');
/** Artillery's start-up and teardown on top of the arrivals and the visits. */
const ARTILLERY_EXTRA_SECONDS = 120;

export interface ArtilleryResult {
  ok: boolean;
  event: EventView;
  artilleryExitCode: number | null;
  run: ArtilleryRun;
  invariants: Invariant[];
  files: { artillery: string; checks: string };
}

/** Runs Artillery as a child process (its own CLI, telemetry cut off) and waits for it, within a hard cap. */
async function runArtillery(options: ArtilleryOptions, event: EventView, output: string): Promise<number | null> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('artillery/package.json')), 'bin', 'run');
  await mkdir(bundleDir, { recursive: true });
  await writeFile(join(bundleDir, 'package.json'), '{ "type": "commonjs" }\n');
  const args = [
    '--import',
    offlineTelemetryImport(),
    bin,
    artilleryCommand[options.platform],
    scenarioFile,
    '--target',
    options.target,
    '--variables',
    JSON.stringify({ eventId: event.id, budgetSeconds: options.durationSeconds, connections: options.connections }),
    '--overrides',
    JSON.stringify({ config: { phases: [{ name: 'flash crowd', duration: options.burstSeconds, arrivalCount: options.visitors }] } }),
    '--output',
    output,
    ...options.extra,
  ];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' } });
  const cap = setTimeout(() => child.kill('SIGTERM'), (options.burstSeconds + options.durationSeconds + ARTILLERY_EXTRA_SECONDS) * 1000);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  } finally {
    clearTimeout(cap);
    await rm(bundleDir, { recursive: true, force: true });
  }
}

/**
 * `npm run loadtest:artillery`: create the event through the operator API, run the Artillery
 * scenario against it (locally, or spread over AWS with `--platform fargate|lambda`), then read
 * the counters Artillery summed over every worker and machine, and check the invariants against
 * the ledger and the operator stats, as the native runner does.
 */
export async function runArtilleryTest(options: ArtilleryOptions, log: (line: string) => void = () => undefined): Promise<ArtilleryResult> {
  const hard = new AbortController();
  const start = runClock();
  const operatorClient = createLoadClient({ target: options.target, connections: 2, maxRequests: 1_000_000, metrics: { record: () => undefined }, signal: hard.signal, now: () => runClock() - start });
  const operator = createOperatorApi(operatorClient, options.adminToken);
  try {
    const probe = await operator.probe();
    if (!probe.ok) throw new TargetUnreachable(`${options.target} is unreachable: GET /api/health gave ${probe.reason}`);
    const id = `lt-artillery-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const shape = { title: `Load test: Artillery flash crowd of ${options.visitors}`, seats: options.seats, ratePerMinute: options.ratePerMinute, queueAll: true, maxActiveUsers: 1000, itemSize: 50 };
    const event = await operator.createEvent(createEventSchema.parse({ id, ...buildEvent({ ...shape, openSeconds: options.burstSeconds + options.durationSeconds, nowMs: Date.now() }) }));
    log(`event ${event.id}: ${event.items.length} items, ${options.seats} places, admission ${options.ratePerMinute}/min; artillery ${artilleryCommand[options.platform]}: ${options.visitors} arrivals in ${options.burstSeconds} s`);

    const outDir = resolve(options.outDir ?? defaultOutDir('artillery', new Date()));
    await mkdir(outDir, { recursive: true });
    const files = { artillery: join(outDir, 'artillery.json'), checks: join(outDir, 'checks.json') };
    const artilleryExitCode = await runArtillery(options, event, files.artillery);
    const output = JSON.parse(await readFile(files.artillery, 'utf8').catch(() => '{"aggregate":{}}')) as ArtilleryOutput;
    const run = readArtilleryRun(output);

    let stats: EventStats | undefined;
    try {
      stats = await operator.stats(event.id, 10_000);
    } catch {
      stats = undefined;
    }
    const ledger = await readLedger(operator, event.id);
    const invariants = checkInvariants({ event, client: run.client, stats, ledger, endpoints: run.endpoints, samples: [], extra: [] });
    if (artilleryExitCode !== 0) invariants.push({ name: 'Artillery ran to the end', ok: false, detail: `artillery exited with ${artilleryExitCode}` });
    if ((run.counters['vusers.created'] ?? 0) < options.visitors) {
      invariants.push({ name: 'every arrival was played', ok: false, detail: `${run.counters['vusers.created'] ?? 0} of ${options.visitors} virtual users created` });
    }
    await operator.closeEvent(event.id).catch(() => undefined);
    const ok = invariants.every((check) => check.ok);
    await writeFile(files.checks, `${JSON.stringify({ eventId: event.id, target: options.target, ok, invariants, endpoints: run.endpoints, final: stats ?? null, counters: run.counters }, null, 2)}\n`);
    return { ok, event, artilleryExitCode, run, invariants, files };
  } finally {
    await operatorClient.destroy();
  }
}

export { OperatorError, TargetUnreachable };
