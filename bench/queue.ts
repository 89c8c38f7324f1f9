/**
 * `npm run bench:queue`: joins per second through the origin app (`app.request`, tokens and all)
 * on the in-process queue and on a real redis-server started here, next to two ceilings measured
 * in the same run: one core's node:crypto ES256 sign+verify (a join verifies an id token and
 * signs a queue token) and that Redis from this Node process (EVALSHA of a trivial script, same
 * concurrency); with the ratios, jose next to node:crypto per token, and the same Redis joins with
 * the tokens stubbed out (how much of a join the tokens still are).
 * Bounded: five phases of 1 s warm-up + PHASE_MS (5 s) and the ES256 loops, about 60 s in all.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { Redis } from 'ioredis';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { systemClock } from '../core/index.js';
import { es256Ceiling, es256LibraryRates, type LibraryRate } from './es256-rates.js';
import type { AdmissionQueue } from '../origin/admission/admission-queue.js';
import { loadLuaScript, runLuaScript } from '../origin/redis/lua-script.js';
import { createMemoryAdmissionQueue } from '../origin/admission/memory-admission-queue.js';
import { createRedisAdmissionQueue } from '../origin/admission/redis-admission-queue.js';
import { ioredisEval } from '../origin/redis/redis-eval.js';
import { startRedisServer } from '../origin/redis/test-support/redis-server.js';
import { createOriginApp } from '../origin/app.js';
import { createChannelService } from '../origin/channels/channel-service.js';
import { createSimulatedChannelStream } from '../origin/channels/simulated-channel-stream.js';
import { defaultOriginSettings, type OriginDeps } from '../origin/deps.js';
import { createIdGenerator } from '../origin/ids.js';
import { createMemoryInventoryGate } from '../origin/inventory/memory-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../origin/ledger/ensure-table.js';
import { generateSigningKey, type SigningKey } from '../origin/tokens/signing-keys.js';
import { createTokenIssuer, type TokenIssuer } from '../origin/tokens/token-issuer.js';
import { threadPoolSize } from '../origin/boot/thread-pool.js';

// The origin in this process gets the thread pool the origin's launchers give it (one thread per
// core): the size must be in the environment at start, so the bench starts itself again with it.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const env = { ...process.env, UV_THREADPOOL_SIZE: String(threadPoolSize(availableParallelism(), undefined)) };
  const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
/** The ES256 ceiling loop (run before and after the joins); each library loop runs half of it. */
const CRYPTO_MS = Math.max(500, Math.min(2_000, PHASE_MS / 2));
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** Runs `task` from CONCURRENCY loops for a 1 s warm-up, then PHASE_MS; returns tasks per second. */
async function rate(task: (i: number) => Promise<void>): Promise<number> {
  let done = 0;
  const warm = performance.now() + 1_000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < warm) await task(done++);
  }));
  const offset = done;
  const started = performance.now();
  const deadline = started + PHASE_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) await task(done++);
    }),
  );
  return (done - offset) / ((performance.now() - started) / 1000);
}

/**
 * Tokens without cryptography, for one phase only: what joins would reach if signing and
 * verifying cost nothing, i.e. how much of a join is the tokens at all.
 */
function createStubIssuer(real: TokenIssuer): TokenIssuer {
  return {
    ...real,
    sign: async (_kind, _payload, ttlSeconds) => ({ token: 'stub.stub.stub', expiresAt: Date.now() + ttlSeconds * 1000 }),
    verify: async (_kind, token) => ({ sub: `guest_${token.slice(-12)}`, idk: 'guest', iat: 0, exp: 4_000_000_000 }) as never,
  };
}

/**
 * Joins per second through the app. Each join presents an identity never seen before (signed up
 * front by another issuer on the same key, so the app's verified-token cache is cold): one ECDSA
 * verification and one signature per join, as in a flash crowd's first second.
 */
async function joinsThroughApp(
  dynamo: DynamoDBClient,
  queue: AdmissionQueue,
  label: string,
  key: SigningKey,
  identities: number,
  stubTokens = false,
): Promise<JoinRate> {
  const tableName = `bench-${label}-${Date.now()}`;
  await ensureLedgerTable(dynamo, tableName);
  const settings = { ...defaultOriginSettings, adminToken: ADMIN_TOKEN };
  const deps: OriginDeps = {
    clock: systemClock,
    ids: createIdGenerator(),
    queue,
    gate: createMemoryInventoryGate(),
    ledger: createDynamoLedger(dynamo, tableName),
    tokens: stubTokens ? createStubIssuer(createTokenIssuer({ active: key, all: [key] }, settings, systemClock)) : createTokenIssuer({ active: key, all: [key] }, settings, systemClock),
    channels: createChannelService({ configs: [], stream: createSimulatedChannelStream({ channels: [], viewers: async () => null }), ledger: createDynamoLedger(dynamo, tableName), clock: systemClock }),
    settings,
  };
  const { app } = createOriginApp(deps);
  const event = {
    title: 'Bench drop',
    kind: 'booking',
    startsAt: new Date(Date.now() - 1_000).toISOString(),
    admission: { newUsersPerMinute: 6_000, maxActiveUsers: 1_000, sessionSeconds: 600 },
    items: [{ id: 'slot', label: 'Slot', capacity: 100, perUserLimit: 1 }],
  };
  const created = await app.request('/api/admin/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  const { id } = (await created.json()) as { id: string };
  // Identities are signed up front: the bench measures joins, not the guest endpoint.
  const signer = createTokenIssuer({ active: key, all: [key] }, settings, systemClock);
  const tokens = await Promise.all(
    Array.from({ length: identities }, (_, i) => signer.sign('id', { sub: `guest_${label}_${i}`, idk: 'guest' }, 3_600).then((t) => t.token)),
  );
  let reused = 0;
  const perSecond = await rate(async (i) => {
    if (i >= tokens.length) reused += 1;
    const response = await app.request(`/api/queue/${id}/join`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
    if (response.status !== 201 && response.status !== 200) throw new Error(`join answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
  return { perSecond, reused };
}

interface JoinRate {
  perSecond: number;
  /** Joins that presented an identity a second time (the pool ran out): those were cache hits. */
  reused: number;
}

const dynaliteServer = dynalite({ createTableMs: 0 });
await new Promise<void>((resolve) => dynaliteServer.listen(0, '127.0.0.1', resolve));
const dynamo = new DynamoDBClient({
  endpoint: `http://127.0.0.1:${(dynaliteServer.address() as AddressInfo).port}`,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const server = await startRedisServer();
const redis = new Redis(server.url, { enableAutoPipelining: true });
try {
  const { key } = await generateSigningKey(new Date());
  const ceilingBefore = await es256Ceiling(key, CRYPTO_MS);
  // Enough fresh identities for joins at 0.8x the ceiling; any join beyond reuses one and is counted.
  const identities = Math.ceil(ceilingBefore * (1 + PHASE_MS / 1000) * 0.8);
  const memory = await joinsThroughApp(dynamo, createMemoryAdmissionQueue(), 'memory', key, identities);
  const viaRedis = await joinsThroughApp(dynamo, createRedisAdmissionQueue(redis), 'redis', key, identities);
  const stubbed = await joinsThroughApp(dynamo, createRedisAdmissionQueue(redis), 'stubbed', key, identities, true);
  const join = loadLuaScript(new URL('../origin/admission/lua/', import.meta.url), 'join', ['advance-queue']);
  const adapter = createRedisAdmissionQueue(redis, { prefix: 'raw' });
  await adapter.configure('raw', { newUsersPerMinute: 6_000, maxActiveUsers: 1_000, sessionSeconds: 600, queueAll: false, startsAt: 0 });
  const joinScript = await rate(async (i) => void (await adapter.join('raw', `u${i}`, Date.now())));
  const trivial = { name: 'trivial', source: 'return 1', sha: '' };
  trivial.sha = String(await redis.script('LOAD', trivial.source));
  const ceiling = await rate(async () => void (await runLuaScript(ioredisEval(redis), trivial, [], [])));
  const libraries = await es256LibraryRates(key, CRYPTO_MS / 2, CONCURRENCY);
  const ceilingAfter = await es256Ceiling(key, CRYPTO_MS);
  // Measured before and after the joins, so load from elsewhere during the run weighs on both sides.
  const es256 = (ceilingBefore + ceilingAfter) / 2;

  const row = (name: string, perSecond: number, note = '') => `  ${name.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(9)} /s${note}`;
  const reused = (joins: JoinRate) => (joins.reused > 0 ? `  (${joins.reused} repeated identities)` : '');
  console.log(`queue bench: ${CONCURRENCY} concurrent, ${PHASE_MS / 1000} s per phase, Node ${process.version}, ${join.name}.lua sha ${join.sha.slice(0, 8)}`);
  console.log(row('joins through the origin app, memory queue', memory.perSecond, reused(memory)));
  console.log(row('joins through the origin app, Redis queue', viaRedis.perSecond, reused(viaRedis)));
  console.log(row('  the same with tokens stubbed (no ECDSA at all)', stubbed.perSecond));
  console.log(row('join.lua alone via the adapter (EVALSHA)', joinScript));
  console.log(row('EVALSHA "return 1" ceiling of this Redis', ceiling));
  console.log(row('ES256 sign+verify ceiling, node:crypto, one core', es256, `  (${Math.round(ceilingBefore)} before, ${Math.round(ceilingAfter)} after the joins)`));
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
  console.log('ratios:');
  console.log(`  app on Redis / ES256 sign+verify ceiling  ${(viaRedis.perSecond / es256).toFixed(2)}   (goal >= 0.5)`);
  console.log(`  app on Redis / the same, tokens stubbed    ${(viaRedis.perSecond / stubbed.perSecond).toFixed(2)}   (1.0: tokens cost nothing)`);
  console.log(`  tokens stubbed / ES256 ceiling            ${(stubbed.perSecond / es256).toFixed(2)}   (the most token work alone could give)`);
  console.log(`  app on Redis / app on memory              ${(viaRedis.perSecond / memory.perSecond).toFixed(2)}`);
  console.log(`  app on Redis / EVALSHA ceiling            ${(viaRedis.perSecond / ceiling).toFixed(3)}`);
  console.log(`  join.lua     / EVALSHA ceiling            ${(joinScript / ceiling).toFixed(2)}`);
} finally {
  redis.disconnect();
  await server.stop();
  dynamo.destroy();
  await new Promise<void>((resolve) => dynaliteServer.close(() => resolve()));
}
