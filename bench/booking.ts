/**
 * `npm run bench:booking`: confirmed bookings per second through the origin app (`app.request`:
 * token verification, gate Lua on a real redis-server, journaled conditional writes on dynalite),
 * with thousands of buyers arriving at once, and the oversell count computed from the ledger
 * afterwards (must be 0). Bounded: BENCH_ROUNDS rounds (default 3) while they fit in 40 s; then
 * what the gate and the ledger take alone, for scale. BENCH_BUYERS (default 4000) buyers per round.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Redis } from 'ioredis';
import { Agent as HttpAgent } from 'node:http';
import { systemClock } from '../core/index.js';
import { createRedisAdmissionQueue } from '../origin/admission/redis-admission-queue.js';
import { createOriginApp } from '../origin/app.js';
import { createChannelService } from '../origin/channels/channel-service.js';
import { createSimulatedChannelStream } from '../origin/channels/simulated-channel-stream.js';
import { defaultOriginSettings, type OriginDeps } from '../origin/deps.js';
import { createIdGenerator } from '../origin/ids.js';
import { createRedisInventoryGate } from '../origin/inventory/redis-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../origin/ledger/ensure-table.js';
import { startRedisServer } from '../origin/redis/test-support/redis-server.js';
import { generateSigningKey } from '../origin/tokens/signing-keys.js';
import { createTokenIssuer } from '../origin/tokens/token-issuer.js';
import { startDynaliteProcess } from './dynalite-process.js';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUDGET_MS = 40_000;
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const items = [
  { id: 'slot-10', label: '10:00', capacity: 300, perUserLimit: 1 },
  { id: 'slot-11', label: '11:00', capacity: 300, perUserLimit: 1 },
  { id: 'cushion', label: 'Cushion set', capacity: 250, perUserLimit: 3 },
  { id: 'serum', label: 'Serum duo', capacity: 150, perUserLimit: 2 },
];
const places = items.reduce((sum, item) => sum + item.capacity, 0);

const dynaliteProcess = await startDynaliteProcess();
const dynamo = new DynamoDBClient({
  endpoint: dynaliteProcess.endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  // Thousands of requests in flight: more sockets than the SDK's default 50.
  requestHandler: { httpAgent: new HttpAgent({ keepAlive: false, maxSockets: 128 }), socketAcquisitionWarningTimeout: 60_000 },
});
const server = await startRedisServer();
const redis = new Redis(server.url, { enableAutoPipelining: true });

await ensureLedgerTable(dynamo, 'bench-booking');
const settings = { ...defaultOriginSettings, adminToken: ADMIN_TOKEN };
const { key } = await generateSigningKey(new Date());
const deps: OriginDeps = {
  clock: systemClock,
  ids: createIdGenerator(),
  queue: createRedisAdmissionQueue(redis),
  gate: createRedisInventoryGate(redis),
  ledger: createDynamoLedger(dynamo, 'bench-booking'),
  tokens: createTokenIssuer({ active: key, all: [key] }, settings, systemClock),
  channels: createChannelService({ configs: [], stream: createSimulatedChannelStream({ channels: [], viewers: async () => null }), ledger: createDynamoLedger(dynamo, 'bench-booking'), clock: systemClock }),
  settings,
};
const { app } = createOriginApp(deps);

async function createEvent(): Promise<string> {
  const body = {
    title: 'Bench drop',
    kind: 'deal',
    startsAt: new Date(Date.now() - 1_000).toISOString(),
    admission: { newUsersPerMinute: 1_000_000, maxActiveUsers: 1_000_000, sessionSeconds: 3_600 },
    items,
  };
  const response = await app.request('/api/admin/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { id: string }).id;
}

/** Oversold places, buyers over a limit, and counters that disagree with the booking records. */
async function audit(eventId: string) {
  const confirmed = (await deps.ledger.listBookingsByEvent(eventId)).filter((b) => b.status === 'confirmed');
  const counts = await deps.ledger.itemCounts(eventId);
  let oversold = 0;
  let mismatched = 0;
  const held = new Map<string, number>();
  for (const item of items) {
    const sum = confirmed.filter((b) => b.itemId === item.id).reduce((total, b) => total + b.quantity, 0);
    oversold += Math.max(0, sum - item.capacity);
    if (sum !== counts.get(item.id)) mismatched += 1;
  }
  for (const b of confirmed) held.set(`${b.itemId}|${b.userId}`, (held.get(`${b.itemId}|${b.userId}`) ?? 0) + b.quantity);
  const overLimit = [...held].filter(([k, q]) => q > items.find((item) => k.startsWith(`${item.id}|`))!.perUserLimit).length;
  return { bookings: confirmed.length, booked: confirmed.reduce((total, b) => total + b.quantity, 0), oversold, overLimit, mismatched };
}

async function round(n: number) {
  const eventId = await createEvent();
  // Access tokens are signed up front: the bench measures booking, not the waiting room.
  const tokens = await Promise.all(Array.from({ length: BUYERS }, (_, i) => deps.tokens.sign('access', { sub: `buyer_${n}_${i}`, evt: eventId }, 3_600).then((t) => t.token)));
  const latencies: number[] = [];
  let lastCreated = 0;
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const item = items[i % items.length]!;
      const sent = performance.now();
      const response = await app.request(`/api/events/${eventId}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${n}-${i}` },
        body: JSON.stringify({ itemId: item.id, quantity: 1 + (i % item.perUserLimit) }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 201) {
        lastCreated = performance.now();
        latencies.push(lastCreated - sent);
      }
    }),
  );
  const allDone = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const created = statuses.get(201) ?? 0;
  return { eventId, created, seconds: (lastCreated - started) / 1000, allDone: allDone / 1000, statuses, p50: at(0.5), p99: at(0.99), audit: await audit(eventId) };
}

/** What each store takes on its own, for scale: the gate's reserve, the ledger's claim on one counter. */
async function ceilings() {
  const eventId = await createEvent();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 3_000 }, (_, i) =>
      deps.gate.reserve(
        { eventId, itemId: 'slot-10', userId: `g${i}`, quantity: 1, idempotencyKey: `gate-${i}`, fingerprint: 'f', bookingId: `bk_gate_${i}` },
        { now: Date.now(), until: Date.now() + 60_000 },
      ),
    ),
  );
  const gate = 3_000 / ((performance.now() - started) / 1000);
  const claimsStarted = performance.now();
  await Promise.all(
    Array.from({ length: 1_000 }, (_, i) => deps.ledger.claimPlace({ eventId, itemId: 'serum', bookingId: `bk_claim_${i}`, quantity: 1, deadline: 0 }, 1_000_000)),
  );
  return { gate, ledger: 1_000 / ((performance.now() - claimsStarted) / 1000) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`booking bench: ${fmt(BUYERS)} buyers at once per round, ${fmt(places)} places in ${items.length} items, Node ${process.version}, Redis gate + dynalite ledger`);
const rates: number[] = [];
let oversold = 0;
const benchStarted = Date.now();
try {
  let lastRoundMs = 0;
  // Another round only if it would end within the budget, judging by the last one.
  for (let n = 1; n <= ROUNDS && Date.now() - benchStarted + lastRoundMs < BUDGET_MS; n += 1) {
    const roundStarted = Date.now();
    const r = await round(n);
    lastRoundMs = Date.now() - roundStarted;
    const rate = r.created / r.seconds;
    rates.push(rate);
    oversold += r.audit.oversold + r.audit.overLimit + r.audit.mismatched;
    const answers = [...r.statuses].sort().map(([status, count]) => `${status}×${fmt(count)}`).join(' ');
    console.log(
      `  round ${n}: ${fmt(r.created)} bookings (${fmt(r.audit.booked)} places) in ${r.seconds.toFixed(2)} s → ${fmt(rate)} confirmed/s;`,
      `all ${fmt(BUYERS)} answered in ${r.allDone.toFixed(2)} s [${answers}]; 201 latency p50 ${r.p50} ms, p99 ${r.p99} ms`,
    );
  }
  console.log(`confirmed bookings per second: best ${fmt(Math.max(...rates))} of ${rates.length} rounds (the first one warms up JIT, sockets and scripts)`);
  const alone = await ceilings();
  console.log(`  for scale: the gate alone takes ${fmt(alone.gate)} reserve.lua calls/s; dynalite takes ${fmt(alone.ledger)} conditional claims/s on one item`);
  console.log('  (a booking costs 2 gate calls and 5 ledger writes, 2 of them on its item counter)');
  console.log(`oversell (from the ledger: places over capacity + buyers over their limit + counters ≠ records): ${oversold}`);
  if (oversold !== 0) process.exitCode = 1;
} finally {
  redis.disconnect();
  await server.stop();
  dynamo.destroy();
  dynaliteProcess.stop();
}
