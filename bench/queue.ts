/**
 * `npm run bench:queue`: joins per second through the origin app (`app.request`, tokens and all)
 * on the in-process queue and on a real redis-server started here, next to the ceiling of that
 * Redis from this Node process (EVALSHA of a trivial script, same concurrency), with the ratios.
 * Bounded: four phases of 1 s warm-up + PHASE_MS (5 s), about 35 s in all.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../core/index.js';
import type { AdmissionQueue } from '../origin/admission/admission-queue.js';
import { loadLuaScript, runLuaScript } from '../origin/redis/lua-script.js';
import { createMemoryAdmissionQueue } from '../origin/admission/memory-admission-queue.js';
import { createRedisAdmissionQueue } from '../origin/admission/redis-admission-queue.js';
import { ioredisEval } from '../origin/redis/redis-eval.js';
import { startRedisServer } from '../origin/redis/test-support/redis-server.js';
import { createOriginApp } from '../origin/app.js';
import { createStaticChannelDirectory } from '../origin/channels/channel-directory.js';
import { defaultOriginSettings, type OriginDeps } from '../origin/deps.js';
import { createIdGenerator } from '../origin/ids.js';
import { createMemoryInventoryGate } from '../origin/inventory/memory-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../origin/ledger/ensure-table.js';
import { generateSigningKey } from '../origin/tokens/signing-keys.js';
import { createTokenIssuer } from '../origin/tokens/token-issuer.js';

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
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

async function joinsThroughApp(dynamo: DynamoDBClient, queue: AdmissionQueue, label: string): Promise<number> {
  const tableName = `bench-${label}-${Date.now()}`;
  await ensureLedgerTable(dynamo, tableName);
  const settings = { ...defaultOriginSettings, adminToken: ADMIN_TOKEN };
  const { key } = await generateSigningKey(new Date());
  const deps: OriginDeps = {
    clock: systemClock,
    ids: createIdGenerator(),
    queue,
    gate: createMemoryInventoryGate(),
    ledger: createDynamoLedger(dynamo, tableName),
    tokens: createTokenIssuer({ active: key, all: [key] }, settings, systemClock),
    channels: createStaticChannelDirectory([]),
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
  const tokens = await Promise.all(
    Array.from({ length: 20_000 }, (_, i) => deps.tokens.sign('id', { sub: `guest_${label}_${i}`, idk: 'guest' }, 3_600).then((t) => t.token)),
  );
  return rate(async (i) => {
    const response = await app.request(`/api/queue/${id}/join`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
    if (response.status !== 201 && response.status !== 200) throw new Error(`join answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
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
  const memory = await joinsThroughApp(dynamo, createMemoryAdmissionQueue(), 'memory');
  const viaRedis = await joinsThroughApp(dynamo, createRedisAdmissionQueue(redis), 'redis');
  const join = loadLuaScript(new URL('../origin/admission/lua/', import.meta.url), 'join', ['advance-queue']);
  const adapter = createRedisAdmissionQueue(redis, { prefix: 'raw' });
  await adapter.configure('raw', { newUsersPerMinute: 6_000, maxActiveUsers: 1_000, sessionSeconds: 600, queueAll: false, startsAt: 0 });
  const joinScript = await rate(async (i) => void (await adapter.join('raw', `u${i}`, Date.now())));
  const trivial = { name: 'trivial', source: 'return 1', sha: '' };
  trivial.sha = String(await redis.script('LOAD', trivial.source));
  const ceiling = await rate(async () => void (await runLuaScript(ioredisEval(redis), trivial, [], [])));

  const row = (name: string, perSecond: number) => `  ${name.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(9)} /s`;
  console.log(`queue bench: ${CONCURRENCY} concurrent, ${PHASE_MS / 1000} s per phase, Node ${process.version}, ${join.name}.lua sha ${join.sha.slice(0, 8)}`);
  console.log(row('joins through the origin app, memory queue', memory));
  console.log(row('joins through the origin app, Redis queue', viaRedis));
  console.log(row('join.lua alone via the adapter (EVALSHA)', joinScript));
  console.log(row('EVALSHA "return 1" ceiling of this Redis', ceiling));
  console.log('ratios:');
  console.log(`  app on Redis / app on memory       ${(viaRedis / memory).toFixed(2)}`);
  console.log(`  app on Redis / EVALSHA ceiling     ${(viaRedis / ceiling).toFixed(3)}`);
  console.log(`  join.lua     / EVALSHA ceiling     ${(joinScript / ceiling).toFixed(2)}`);
} finally {
  redis.disconnect();
  await server.stop();
  dynamo.destroy();
  await new Promise<void>((resolve) => dynaliteServer.close(() => resolve()));
}
