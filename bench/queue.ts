/**
 * `npm run bench:queue`: joins per second through the origin app (`app.request`, tokens and all)
 * next to one core's node:crypto ES256 sign+verify ceiling (a join verifies an id token and signs
 * a queue token), measured in the same run:
 *
 * - one instance in this thread on the in-process queue, then on a real redis-server started here;
 * - one instance per core (worker threads, as origin instances behind the edge) on that Redis, in
 *   rounds that alternate with slices of the ceiling, so the ratio of each round compares joins
 *   with the ceiling of the same moments (a busy host slows both); then the same with the tokens
 *   stubbed (how much of a join the tokens still are);
 * - `join.lua` alone and the Redis EVALSHA ceiling of a trivial script; jose next to node:crypto.
 *
 * Bounded: about 60 s in all with the defaults.
 */
import dynalite from 'dynalite';
import { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerEntry } from '../loadtest/runner/worker-pool.js';
import { createMemoryAdmissionQueue } from '../origin/admission/memory-admission-queue.js';
import { createRedisAdmissionQueue } from '../origin/admission/redis-admission-queue.js';
import { ensureLedgerTable } from '../origin/ledger/ensure-table.js';
import { loadLuaScript, runLuaScript } from '../origin/redis/lua-script.js';
import { ioredisEval } from '../origin/redis/redis-eval.js';
import { startRedisServer } from '../origin/redis/test-support/redis-server.js';
import { generateSigningKey } from '../origin/tokens/signing-keys.js';
import { createBenchEvent, createBenchOrigin, createJoiner, dynamoAt, signIdentities } from './bench-origin.js';
import { es256Ceiling, es256LibraryRates, type LibraryRate } from './es256-rates.js';
import type { FromQueueWorker, QueueWorkerSetup, ToQueueWorker } from './queue-worker.js';

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? availableParallelism());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Each slice of the ceiling between rounds; the library loops run longer. */
const SLICE_MS = 500;
const CRYPTO_MS = Math.max(500, Math.min(2_000, PHASE_MS / 2));
const WARM_MS = 300;
/** A fresh instance keeps getting faster for about 2 s (code tiering up, its heap sizing itself). */
const FIRST_WARM_MS = 2_000;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 300);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Runs `task` from CONCURRENCY loops for a 1 s warm-up, then PHASE_MS; returns tasks per second. */
async function rate(task: (i: number) => Promise<void>): Promise<number> {
  let done = 0;
  const run = (until: number) => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) await task(done++);
  }));
  await run(performance.now() + 1_000);
  const offset = done;
  const started = performance.now();
  await run(started + PHASE_MS);
  return (done - offset) / ((performance.now() - started) / 1000);
}

/** Workers that answer `run` with the joins they made; started once per phase. */
async function startInstances(setups: QueueWorkerSetup[]) {
  const workers: Worker[] = setups.map((setup) => spawnWorker(workerEntry('queue-worker', import.meta.url), setup));
  const next = (worker: Worker) =>
    new Promise<FromQueueWorker>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`queue worker exited with ${code}`));
      worker.once('error', reject).once('exit', onExit).once('message', (message: FromQueueWorker) => {
        worker.off('error', reject).off('exit', onExit);
        if (message.type === 'failed') reject(new Error(`queue worker failed: ${message.error}`));
        else resolve(message);
      });
    });
  await Promise.all(workers.map(next));
  return {
    async run(warmMs: number, ms: number) {
      const answers = workers.map(next);
      workers.forEach((worker) => worker.postMessage({ type: 'run', warmMs, ms } satisfies ToQueueWorker));
      const ran = (await Promise.all(answers)) as Extract<FromQueueWorker, { type: 'ran' }>[];
      return { perSecond: ran.reduce((sum, r) => sum + r.joins / r.seconds, 0), reused: ran.reduce((sum, r) => sum + r.reused, 0) };
    },
    close: () => workers.forEach((worker) => worker.postMessage({ type: 'close' } satisfies ToQueueWorker)),
  };
}

interface PerCore {
  /** Joins per second of all instances together, per round. */
  rounds: number[];
  /** The ceiling around each round: the mean of the slices before and after it. */
  ceilings: number[];
  ratios: number[];
  slices: number[];
  reused: number;
}

const dynaliteServer = dynalite({ createTableMs: 0 });
await new Promise<void>((resolve) => dynaliteServer.listen(0, '127.0.0.1', resolve));
const dynamoPort = (dynaliteServer.address() as AddressInfo).port;
const dynamo = dynamoAt(dynamoPort);
const tableName = `bench-${Date.now()}`;
await ensureLedgerTable(dynamo, tableName);
const server = await startRedisServer();
const redis = new Redis(server.url, { enableAutoPipelining: true });
try {
  const { key, stored } = await generateSigningKey(new Date());
  const ceilingBefore = await es256Ceiling(key, CRYPTO_MS);
  // Enough fresh identities for joins at 0.8x the ceiling; any join beyond reuses one and is counted.
  const identities = (ms: number) => Math.ceil((ceilingBefore * ms * 0.8) / 1000);

  /** One instance in this thread. */
  const single = async (label: string, queue: Parameters<typeof createBenchOrigin>[0]['queue']) => {
    const app = createBenchOrigin({ dynamo, tableName, queue, key });
    const joiner = createJoiner(app, await createBenchEvent(app), await signIdentities(key, label, identities(PHASE_MS + 1_000)));
    const ran = await joiner.run(CONCURRENCY, 1_000, PHASE_MS);
    return { perSecond: ran.joins / ran.seconds, reused: joiner.reused };
  };
  const memory = await single('memory', createMemoryAdmissionQueue());
  const redisApp = createBenchOrigin({ dynamo, tableName, queue: createRedisAdmissionQueue(redis), key });
  const oneOnRedis = await single('redis', createRedisAdmissionQueue(redis));

  /** One instance per core on the shared Redis and ledger, in rounds alternating with ceiling slices. */
  const perCore = async (label: string, stubTokens: boolean): Promise<PerCore> => {
    const eventId = await createBenchEvent(redisApp);
    const roundMs = PHASE_MS / ROUNDS;
    const instances = await startInstances(
      Array.from({ length: INSTANCES }, (_, i) => ({
        label: `${label}${i}`, dynamoPort, tableName, redisUrl: server.url, storedKey: stored, eventId, stubTokens,
        identities: stubTokens ? 1 : Math.ceil(identities(ROUNDS * (roundMs + WARM_MS) + FIRST_WARM_MS) / INSTANCES),
        loops: CONCURRENCY,
      })),
    );
    const slices = [await es256Ceiling(key, SLICE_MS)];
    const rounds: number[] = [];
    let reused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // The first round warms the instances' code up for longer; each round's leftovers (the
      // workers' garbage collection) settle before the ceiling is measured, so they cannot lower it.
      const ran = await instances.run(round === 0 ? FIRST_WARM_MS : WARM_MS, roundMs);
      rounds.push(ran.perSecond);
      reused = ran.reused;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      slices.push(await es256Ceiling(key, SLICE_MS));
    }
    instances.close();
    const ceilings = rounds.map((_, round) => (slices[round]! + slices[round + 1]!) / 2);
    return { rounds, slices, ceilings, ratios: rounds.map((joins, round) => joins / ceilings[round]!), reused: stubTokens ? 0 : reused };
  };
  const viaRedis = await perCore('redis', false);
  const stubbed = await perCore('stubbed', true);

  const join = loadLuaScript(new URL('../origin/admission/lua/', import.meta.url), 'join', ['advance-queue']);
  const adapter = createRedisAdmissionQueue(redis, { prefix: 'raw' });
  await adapter.configure('raw', { newUsersPerMinute: 6_000, maxActiveUsers: 1_000, sessionSeconds: 600, queueAll: false, startsAt: 0 });
  const joinScript = await rate(async (i) => void (await adapter.join('raw', `u${i}`, Date.now())));
  const trivial = { name: 'trivial', source: 'return 1', sha: '' };
  trivial.sha = String(await redis.script('LOAD', trivial.source));
  const evalCeiling = await rate(async () => void (await runLuaScript(ioredisEval(redis), trivial, [], [])));
  const libraries = await es256LibraryRates(key, CRYPTO_MS / 2, CONCURRENCY);
  const ceilingAfter = await es256Ceiling(key, CRYPTO_MS);
  const es256 = median([ceilingBefore, ...viaRedis.ceilings, ...stubbed.ceilings, ceilingAfter]);

  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const row = (name: string, perSecond: number, note = '') => `  ${name.padEnd(56)} ${n(perSecond).padStart(9)} /s${note}`;
  const reused = (count: number) => (count > 0 ? `  (${count} repeated identities)` : '');
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`queue bench: ${CONCURRENCY} callers per instance, ${PHASE_MS / 1000} s per phase, ${INSTANCES} instances in the per-core phases (${ROUNDS} rounds each), Node ${process.version}, ${join.name}.lua sha ${join.sha.slice(0, 8)}`);
  console.log(row('joins, one instance, memory queue', memory.perSecond, reused(memory.reused)));
  console.log(row('joins, one instance, Redis queue', oneOnRedis.perSecond, reused(oneOnRedis.reused)));
  console.log(row(`joins, ${INSTANCES} instances (one per core), Redis queue`, mean(viaRedis.rounds), reused(viaRedis.reused)));
  console.log(row('  the same with tokens stubbed (no ECDSA at all)', mean(stubbed.rounds)));
  console.log(row('join.lua alone via the adapter (EVALSHA)', joinScript));
  console.log(row('EVALSHA "return 1" ceiling of this Redis', evalCeiling));
  console.log(row('ES256 sign+verify ceiling, node:crypto, one core (median)', es256, `  (${n(ceilingBefore)} first, ${n(ceilingAfter)} last)`));
  console.log(`  ceiling slices around the rounds: ${viaRedis.slices.map(n).join(', ')}`);
  console.log(`  rounds, ${INSTANCES} instances on Redis: ${viaRedis.rounds.map((joins, round) => `${n(joins)}/${n(viaRedis.ceilings[round]!)}`).join(', ')} (joins/ceiling)`);
  const pair = (name: string, rate: LibraryRate, versus?: LibraryRate) => {
    const times = (a: number, b?: number) => (b ? `  ${(a / b).toFixed(1)}x jose` : '');
    console.log(row(`${name}, one at a time`, rate.serial, times(rate.serial, versus?.serial)));
    console.log(row(`${name}, ${CONCURRENCY} in flight`, rate.concurrent, times(rate.concurrent, versus?.concurrent)));
  };
  console.log('whole tokens (jose = Web Crypto, as the edge; node:crypto KeyObjects, as the origin):');
  pair('sign: jose SignJWT', libraries.joseSign);
  pair('sign: node:crypto', libraries.nodeSign, libraries.joseSign);
  pair('verify: jose compactVerify + checkClaims', libraries.joseVerify);
  pair('verify: node:crypto, uncached', libraries.nodeVerify, libraries.joseVerify);
  const fixed = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  console.log('ratios:');
  console.log(`  joins on Redis / ES256 sign+verify ceiling  ${median(viaRedis.ratios).toFixed(2)}   (goal >= 0.5; median of rounds: ${fixed(viaRedis.ratios)})`);
  console.log(`  one instance on Redis / ES256 ceiling       ${(oneOnRedis.perSecond / es256).toFixed(2)}`);
  console.log(`  joins on Redis / the same, tokens stubbed   ${(mean(viaRedis.rounds) / mean(stubbed.rounds)).toFixed(2)}   (1.0: tokens cost nothing)`);
  console.log(`  tokens stubbed / ES256 ceiling              ${median(stubbed.ratios).toFixed(2)}   (the most token work alone could give)`);
  console.log(`  one instance: Redis / memory                ${(oneOnRedis.perSecond / memory.perSecond).toFixed(2)}`);
  console.log(`  join.lua     / EVALSHA ceiling              ${(joinScript / evalCeiling).toFixed(2)}`);
} finally {
  redis.disconnect();
  await server.stop();
  dynamo.destroy();
  await new Promise<void>((resolve) => dynaliteServer.close(() => resolve()));
}
