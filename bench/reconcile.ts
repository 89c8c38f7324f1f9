/**
 * `npm run bench:reconcile`: one reconciler pass over BENCH_PAST_EVENTS (default 1,000) closed
 * drops and BENCH_ACTIVE_EVENTS (default 10) open ones, BENCH_BOOKINGS (default 10) bookings each,
 * on one dynalite table in a process of its own. In the same run: the full scan every pass used to
 * make (each event's journal, counters and bookings), the pass as it is now (the closed drops set
 * aside as settled, only the watched events visited), and the hourly sweep (settled drops'
 * journals and counters, never their bookings). Median of BENCH_PASSES (default 5) passes each,
 * with the DynamoDB requests a pass sends. The gate is the in-memory one: the ledger is what grows.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../core/index.js';
import { createMemoryAdmissionQueue } from '../origin/admission/memory-admission-queue.js';
import { createOriginApp } from '../origin/app.js';
import { createChannelService } from '../origin/channels/channel-service.js';
import { createSimulatedChannelStream } from '../origin/channels/simulated-channel-stream.js';
import { defaultOriginSettings, type OriginDeps } from '../origin/deps.js';
import { createIdGenerator } from '../origin/ids.js';
import { createMemoryInventoryGate } from '../origin/inventory/memory-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../origin/ledger/ensure-table.js';
import type { Ledger } from '../origin/ledger/ledger.js';
import { formatMarker } from '../origin/ledger/place-marker.js';
import { reconcile } from '../origin/reconcile/reconcile.js';
import { reconcileEvent } from '../origin/reconcile/reconcile-event.js';
import { emptyReport } from '../origin/reconcile/reconcile-report.js';
import { countLedgerTraffic, type LedgerTraffic } from '../origin/reconcile/test-support/ledger-traffic.js';
import { pastEvent } from '../origin/reconcile/test-support/past-event.js';
import { generateSigningKey } from '../origin/tokens/signing-keys.js';
import { createTokenIssuer } from '../origin/tokens/token-issuer.js';
import { startDynaliteProcess } from './dynalite-process.js';

const PAST = Number(process.env.BENCH_PAST_EVENTS ?? 1_000);
const ACTIVE = Number(process.env.BENCH_ACTIVE_EVENTS ?? 10);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 10);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const TABLE = 'bench-reconcile';
const MINUTE = 60_000;
const item = { id: 'set', label: 'Set', capacity: 1_000, perUserLimit: 1 };

const dynaliteProcess = await startDynaliteProcess();
const clientFor = () => new DynamoDBClient({ endpoint: dynaliteProcess.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const seeding = clientFor();
const reconciling = clientFor();
const traffic = countLedgerTraffic(reconciling);
await ensureLedgerTable(seeding, TABLE);

const settings = { ...defaultOriginSettings, adminToken: ADMIN_TOKEN };
const { key } = await generateSigningKey(new Date());
const deps: OriginDeps = {
  clock: systemClock,
  ids: createIdGenerator(),
  queue: createMemoryAdmissionQueue(),
  gate: createMemoryInventoryGate(),
  ledger: createDynamoLedger(seeding, TABLE),
  tokens: createTokenIssuer({ active: key, all: [key] }, settings, systemClock),
  channels: createChannelService({ configs: [], stream: createSimulatedChannelStream({ channels: [], viewers: async () => null }), ledger: createDynamoLedger(seeding, TABLE), clock: systemClock }),
  settings,
};
const { app } = createOriginApp(deps);
const reconcileDeps = { ...deps, ledger: createDynamoLedger(reconciling, TABLE) };

async function inBatches(count: number, size: number, run: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += size) await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, i) => run(start + i)));
}

/** A drop that ended yesterday, written to the ledger with its bookings as the booking path leaves them. */
async function seedPastEvent(ledger: Ledger, index: number, now: number): Promise<void> {
  const id = `past-${index}`;
  const createdAt = new Date(now - 30 * 60 * MINUTE).toISOString();
  await ledger.createEvent(pastEvent(id, now, item.capacity));
  for (let n = 0; n < BOOKINGS; n += 1) {
    const claim = { eventId: id, itemId: item.id, bookingId: `bk_${id}_${n}`, quantity: 1, deadline: now };
    await ledger.claimPlace(claim, item.capacity);
    await ledger.putBooking({ id: claim.bookingId, eventId: id, itemId: item.id, userId: `u${n}`, quantity: 1, status: 'confirmed', createdAt, idempotencyKey: `key-${claim.bookingId}`, fingerprint: 'bench' });
    await ledger.settleMarker(id, item.id, formatMarker({ kind: 'claim', ...claim }));
  }
}

/** An open drop made through the operator API and booked through the booking route. */
async function seedActiveEvent(index: number): Promise<void> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const body = { id: `open-${index}`, title: `Open drop ${index}`, kind: 'deal', startsAt: new Date(Date.now() - MINUTE).toISOString(), admission: { newUsersPerMinute: 600, maxActiveUsers: 1_000, sessionSeconds: 600 }, items: [item] };
  const created = await app.request('/api/admin/events', { method: 'POST', headers, body: JSON.stringify(body) });
  if (created.status !== 201) throw new Error(`creating open-${index}: ${created.status}`);
  await inBatches(BOOKINGS, 10, async (n) => {
    const { token } = await deps.tokens.sign('access', { sub: `buyer_${n}`, evt: body.id }, 3_600);
    const booked = await app.request(`/api/events/${body.id}/bookings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `open-${index}-key-${n}` },
      body: JSON.stringify({ itemId: item.id }),
    });
    if (booked.status !== 201) throw new Error(`booking in open-${index}: ${booked.status}`);
  });
}

/** The pass as it was: every event ever created, each one's journal, counters and bookings. */
async function fullScan(now: number): Promise<void> {
  for (const record of await reconcileDeps.ledger.listEvents()) await reconcileEvent(reconcileDeps, record.id, now, emptyReport());
}

interface Measured {
  ms: number;
  traffic: LedgerTraffic;
}

async function measure(passAt: (pass: number) => Promise<unknown>): Promise<Measured> {
  const times: number[] = [];
  let last = traffic.take();
  for (let pass = 0; pass < PASSES; pass += 1) {
    const started = performance.now();
    await passAt(pass);
    times.push(performance.now() - started);
    last = traffic.take();
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!, traffic: last };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (label: string, { ms, traffic: sent }: Measured) =>
  `  ${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms ${fmt(sent.requests).padStart(7)} requests ${fmt(sent.bookingReads.length).padStart(6)} booking reads`;

const now = Date.now();
try {
  const seedStarted = performance.now();
  await inBatches(PAST, 20, (index) => seedPastEvent(deps.ledger, index, now));
  for (let index = 0; index < ACTIVE; index += 1) await seedActiveEvent(index);
  console.log(`reconcile bench: ${fmt(PAST)} closed drops + ${fmt(ACTIVE)} open ones, ${fmt(BOOKINGS)} bookings each, seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; Node ${process.version}, dynalite in its own process, median of ${PASSES} passes`);

  const before = await measure(() => fullScan(now));
  console.log(row('full scan (every event, every pass: before)', before));
  // The watch starts on a closed drop's first visit and sets it aside a clean visit past `closedWatchMs`.
  await reconcile(reconcileDeps, now);
  const settled = await reconcile(reconcileDeps, now + settings.closedWatchMs);
  traffic.take();
  const after = await measure((pass) => reconcile(reconcileDeps, now + settings.closedWatchMs + (pass + 1) * 1_000));
  console.log(row(`watched events only (now; ${fmt(settled.eventsSettled)} set aside)`, after));
  const sweepAt = (pass: number) => now + settings.closedWatchMs + (pass + 1) * (settings.reconcileSweepMs + MINUTE);
  const sweep = await measure((pass) => reconcile(reconcileDeps, sweepAt(pass)));
  console.log(row('hourly sweep (settled: journal + counters)', sweep));
  console.log(`full scan / watched pass: ${(before.ms / after.ms).toFixed(1)}× the time, ${(before.traffic.requests / after.traffic.requests).toFixed(1)}× the requests`);
} finally {
  seeding.destroy();
  reconciling.destroy();
  dynaliteProcess.stop();
}
