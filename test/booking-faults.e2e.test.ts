import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisInventoryGate } from '../origin/inventory/redis-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import type { Ledger } from '../origin/ledger/ledger.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../origin/redis/test-support/redis-server.js';
import { call, expectInvariants, fire, gateAgrees, mintBuyers, settled, type Attempt, type Buyer, type Item, type Outcome } from './support/booking-crowd.js';
import { startOrigin, type OriginProcess } from './support/start-origin.js';

const ADMIN_TOKEN = 'booking-faults-admin-token-0123456789';
const BUYERS = 500;
const ATTEMPTS = 2_000;
const items: Item[] = [
  { id: 'slot-10', label: '10:00', capacity: 100, perUserLimit: 1 },
  { id: 'slot-11', label: '11:00', capacity: 80, perUserLimit: 1 },
  { id: 'cushion', label: 'Cushion set', capacity: 70, perUserLimit: 3 },
  { id: 'serum', label: 'Serum duo', capacity: 50, perUserLimit: 2 },
]; // 300 places

/** 2,000 attempts from the buyers: all items, quantities up to the limit, every tenth a retry of the one before. */
function attemptsFor(buyers: Buyer[]): Attempt[] {
  const attempts: Attempt[] = [];
  for (let i = 0; i < ATTEMPTS; i += 1) {
    const previous = attempts[i - 1];
    if (i % 10 === 9 && previous) {
      attempts.push({ ...previous });
      continue;
    }
    const buyer = buyers[(i * 7) % buyers.length]!;
    const item = items[i % items.length]!;
    attempts.push({ buyer, itemId: item.id, quantity: 1 + (i % item.perUserLimit), key: `k-${i}-${buyer.userId.slice(-8)}` });
  }
  return attempts;
}

describe.runIf(redisServerAvailable())('bookings survive a killed origin and a wiped Redis (real processes)', () => {
  let dataDir: string;
  let server: ReturnType<typeof dynalite>;
  let dynamo: DynamoDBClient;
  let ledger: Ledger;
  let redisServer: RedisServer;
  let redis: Redis;
  let origin: OriginProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-faults-'));
    server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dynamo = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    ledger = createDynamoLedger(dynamo, 'banjjak');
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
    env = {
      ADMIN_TOKEN,
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: endpoint,
      DYNAMODB_TABLE: 'banjjak',
      AWS_REGION: 'local',
      REDIS_URL: redisServer.url,
      BOOKING_TIMEOUT_MS: '5000',
      RECONCILE_INTERVAL_MS: '500',
    };
    origin = await startOrigin(env);
  });
  afterAll(async () => {
    await origin?.stop();
    redis?.disconnect();
    await redisServer?.stop();
    dynamo?.destroy();
    await new Promise<void>((done) => server.close(() => done()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const createEvent = async () => {
    const now = Date.now();
    const body = {
      title: 'Fault drill',
      kind: 'deal',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      admission: { newUsersPerMinute: 1_000_000, maxActiveUsers: 1_000_000, sessionSeconds: 3_600 },
      queueAll: false,
      items,
    };
    const created = await call(origin!.url, 'POST', '/api/admin/events', { token: ADMIN_TOKEN, body });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const gate = () => createRedisInventoryGate(redis);

  it('SIGKILL mid-run: after a restart and reconciliation nothing is oversold, lost or held', async () => {
    const eventId = await createEvent();
    const buyers = await mintBuyers(origin!.url, eventId, BUYERS);
    let created = 0;
    const killing = origin!;
    const outcomes = await fire(killing.url, eventId, attemptsFor(buyers), (outcome) => {
      if (outcome.status === 201 && (created += 1) === 120) void killing.kill();
    });
    expect(await killing.exited).toBe('SIGKILL');
    const died = outcomes.filter((o) => o.error !== undefined);
    expect(died.length).toBeGreaterThan(0);
    const leftBehind = (await ledger.listPending(eventId)).length;
    const unsettled = (await ledger.itemCounters(eventId)).flatMap((counter) => counter.markers).length;

    origin = await startOrigin(env);
    await settled(ledger, eventId);
    // The origin logs JSON lines; the reconciler's are the ones about what it repaired.
    const repairs = origin.output().split('\n').filter((line) => line.includes('"msg":"reconcile'));
    // Clients that lost their connection retry with the same key: replayed if it had been booked.
    const retried = await fire(origin.url, eventId, died.map((o) => o.attempt));
    // Every retry is answered; a 503 (an attempt that outran its deadline under load) is a valid "try again".
    expect(retried.every((o) => o.status !== undefined && (o.status < 500 || o.code === 'origin_unavailable'))).toBe(true);
    await settled(ledger, eventId);
    await gateAgrees(ledger, gate(), eventId);

    const all = [...outcomes, ...retried];
    const result = await expectInvariants(origin.url, ADMIN_TOKEN, eventId, items, all, ledger, gate());
    expect(result.booked).toBeGreaterThan(120);
    console.log(
      `kill drill: ${died.length} requests cut off, ${leftBehind} journal entries and ${unsettled} counter markers left behind;`,
      `after reconciliation and retries ${result.booked} of 300 places booked in ${result.confirmed} bookings\n${repairs.join('\n')}`,
    );
  });

  it('FLUSHALL mid-run: the gate is rebuilt from the ledger and bookings carry on', async () => {
    const eventId = await createEvent();
    const buyers = await mintBuyers(origin!.url, eventId, BUYERS);
    let created = 0;
    let flushedAt = Number.POSITIVE_INFINITY;
    const outcomes: Outcome[] = await fire(origin!.url, eventId, attemptsFor(buyers), (outcome) => {
      if (outcome.status === 201 && (created += 1) === 100) {
        flushedAt = Date.now();
        void redis.flushall();
      }
    });
    expect(outcomes.filter((o) => o.status === 201 && o.at > flushedAt).length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.error === undefined && (o.status! < 500 || o.code === 'origin_unavailable'))).toBe(true);
    await settled(ledger, eventId);
    // A rebuild may read an attempt just before it ends; the reconciler frees such places.
    await gateAgrees(ledger, gate(), eventId);
    const result = await expectInvariants(origin!.url, ADMIN_TOKEN, eventId, items, outcomes, ledger, gate());
    expect(result.booked).toBeGreaterThan(280); // 2,000 attempts for 300 places: (nearly) sold out, quantities permitting
    const after = outcomes.filter((o) => o.status === 201 && o.at > flushedAt).length;
    console.log(`flush drill: ${outcomes.filter((o) => o.status === 201).length} bookings created, ${after} of them after the FLUSHALL`);
  });
  it('SIGTERM under load: every request in flight answered, every 201 in the ledger, exit 0', async () => {
    const eventId = await createEvent();
    const buyers = await mintBuyers(origin!.url, eventId, 200);
    const stopping = origin!;
    let created = 0;
    let exit: Promise<string> | undefined;
    const outcomes = await fire(stopping.url, eventId, attemptsFor(buyers).slice(0, 800), (outcome) => {
      if (outcome.status === 201 && (created += 1) === 60) exit = stopping.stop();
    });
    // Exit 0: the origin answered every request it had begun before it let go of the sockets
    // (only idle ones are ever closed). What clients could see besides answers is the connection
    // refused or reset before any request was read: closed listener, backlog, idle socket.
    expect(await exit).toBe('0');
    const unanswered = outcomes.filter((o) => o.status === undefined);
    expect(unanswered.filter((o) => !/ECONNREFUSED|ECONNRESET/.test(o.error ?? ''))).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined).length).toBeGreaterThan(60);
    origin = await startOrigin(env);
    // Nothing was left half-done: no journal entry, no counter marker from the stopped process.
    expect((await ledger.listPending(eventId)).length).toBe(0);
    // Clients that got no answer try again with the same key, as after any network error.
    const retried = await fire(origin.url, eventId, unanswered.map((o) => o.attempt));
    expect(retried.every((o) => o.status !== undefined)).toBe(true);
    await settled(ledger, eventId);
    const answered = [...outcomes.filter((o) => o.status !== undefined), ...retried];
    const result = await expectInvariants(origin.url, ADMIN_TOKEN, eventId, items, answered, ledger, gate());
    expect(result.booked).toBeGreaterThanOrEqual(60);
    console.log(`drain drill: ${outcomes.length - unanswered.length} answered before and during the drain, ${unanswered.length} refused at the connection and retried; ${result.booked} places booked`);
  });
});
