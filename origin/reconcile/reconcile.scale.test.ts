import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createDynamoLedger } from '../ledger/dynamo-ledger.js';
import type { Ledger } from '../ledger/ledger.js';
import { callApp } from '../test-support/call-app.js';
import { openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { failOnce, SimulatedCrash } from '../test-support/faulty-dynamo-client.js';
import { reconcile } from './reconcile.js';
import { createCrashFixture, useCrashDynalite, type CrashFixture } from './test-support/crash-fixture.js';
import { countLedgerTraffic } from './test-support/ledger-traffic.js';
import { pastEvent } from './test-support/past-event.js';

const PAST_EVENTS = 1_000;
const MINUTE = 60_000;

const dynamoServer = useCrashDynalite();

async function createPastEvents(ledger: Ledger, now: number): Promise<void> {
  const indexes = Array.from({ length: PAST_EVENTS }, (_, index) => index);
  for (let start = 0; start < PAST_EVENTS; start += 50) {
    await Promise.all(indexes.slice(start, start + 50).map((index) => ledger.createEvent(pastEvent(`past-${index}`, now))));
  }
}

const crash = (where: string) => () => {
  throw new SimulatedCrash(where);
};

describe('a reconciler pass scales with the work, not with the history of events', () => {
  let f: CrashFixture;
  let client: DynamoDBClient;
  let counted: { ledger: Ledger; take: ReturnType<typeof countLedgerTraffic>['take'] };
  const pass = () => reconcile({ ...f.origin.deps, ledger: counted.ledger }, f.origin.clock.now());
  const book = async (eventId: string, userId: string, itemId: string) => {
    const { token } = await f.origin.deps.tokens.sign('access', { sub: userId, evt: eventId }, 3_600);
    return callApp(f.origin.app, 'POST', `/api/events/${eventId}/bookings`, { token, headers: { 'idempotency-key': `${userId}-key-1` }, body: { itemId } });
  };
  const admin = (method: string, path: string, body: unknown) => callApp(f.origin.app, method, path, { token: TEST_ADMIN_TOKEN, body });

  beforeAll(async () => {
    f = await createCrashFixture(dynamoServer(), createMemoryInventoryGate());
    // The reconciler's own client, its requests counted; the origin writes through another.
    client = new DynamoDBClient({ endpoint: dynamoServer().endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    counted = { ledger: createDynamoLedger(client, f.origin.tableName), take: countLedgerTraffic(client).take };
    await createPastEvents(f.origin.deps.ledger, f.origin.clock.now());
  }, 120_000);
  afterAll(() => client.destroy());

  it('visits every event until the closed ones are settled, then only the active ones', async () => {
    const { clock } = f.origin;
    // One more drop that sold a place and closed today, and one whose sale starts tomorrow.
    const today = (await admin('POST', '/api/admin/events', openEvent(clock, { id: 'today' }))).body.id as string;
    expect((await book(today, 'bo', 'slot-a')).status).toBe(201);
    expect((await admin('PATCH', `/api/admin/events/${today}`, { closed: true })).status).toBe(200);
    const tomorrow = openEvent(clock, { id: 'tomorrow', startsAt: new Date(clock.now() + 24 * 60 * MINUTE).toISOString(), endsAt: undefined });
    expect((await admin('POST', '/api/admin/events', tomorrow)).status).toBe(201);

    // The first look at a closed event starts its watch; every closed event's bookings are read.
    expect(await pass()).toMatchObject({ events: PAST_EVENTS + 2, eventsSettled: 0, failed: [] });
    expect(new Set(counted.take().bookingReads).size).toBe(PAST_EVENTS + 2);
    clock.advance(10 * MINUTE);
    expect(await pass()).toMatchObject({ events: PAST_EVENTS + 2, eventsSettled: PAST_EVENTS + 1, failed: [] });
    counted.take();

    // Settled: no request names a settled event; only the open drop's bookings are read.
    expect(await pass()).toMatchObject({ events: 1, eventsProbed: 0, eventsSettled: 0, failed: [] });
    const quiet = counted.take();
    expect(quiet.bookingReads).toEqual([f.eventId]);
    expect([...quiet.eventsNamed]).toEqual([f.eventId]);
    expect(quiet.requests).toBeLessThan(15);
  }, 180_000);

  it('still repairs an open event with a journal entry left behind', async () => {
    f.faults.dynamo = failOnce('PutItemCommand', 'gsi1pk', crash('at record'));
    expect((await f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 })).status).toBe(503);
    expect(await f.origin.deps.ledger.listPending(f.eventId)).toHaveLength(1);
    f.origin.clock.advance(5_001);
    expect(await pass()).toMatchObject({ events: 1, attemptsAborted: 1, gateReleased: 1, failed: [] });
    expect(counted.take().bookingReads).toEqual([f.eventId]);
    await f.expectConsistent();
  }, 30_000);

  it('watches a settled event again after a cancel touches it, and settles it again', async () => {
    const booking = (await f.origin.deps.ledger.listBookingsByEvent('today'))[0]!;
    f.faults.dynamo = failOnce('UpdateItemCommand', 'ADD booked :minus', crash('at return'));
    expect((await f.cancel(f.crashing, 'bo', booking.id)).status).toBe(503);
    expect((await f.origin.deps.ledger.itemCounts('today')).get('slot-a')).toBe(1); // held until reconciled

    expect(await pass()).toMatchObject({ events: 2, markersReverted: 1, eventsSettled: 0, failed: [] });
    expect(new Set(counted.take().bookingReads)).toEqual(new Set([f.eventId, 'today']));
    expect((await f.origin.deps.ledger.itemCounters('today')).find((c) => c.itemId === 'slot-a')).toMatchObject({ booked: 0, markers: [] });
    f.origin.clock.advance(10 * MINUTE - 1); // the watch runs from the cancel's deadline
    expect(await pass()).toMatchObject({ events: 2, eventsSettled: 0, failed: [] });
    f.origin.clock.advance(5_001);
    expect(await pass()).toMatchObject({ events: 2, eventsSettled: 1, failed: [] });
    counted.take();
    expect(await pass()).toMatchObject({ events: 1 });
    expect(counted.take().bookingReads).toEqual([f.eventId]);
  }, 30_000);

  it('finds work left in a settled event by the hourly sweep, which reads no settled event’s bookings', async () => {
    // A request that stalled past every watch journals an attempt in a long-settled drop.
    const stalled = { id: 'bk_stalled', eventId: 'past-7', itemId: 'set', userId: 'cy', quantity: 1, status: 'confirmed' as const, createdAt: new Date(0).toISOString(), idempotencyKey: 'cy-key', fingerprint: 'f' };
    await f.origin.deps.ledger.putPending({ booking: stalled, deadline: f.origin.clock.now() + 5_000 });
    f.origin.clock.advance(5_001);
    expect(await pass()).toMatchObject({ events: 1, attemptsAborted: 0 });
    expect(await f.origin.deps.ledger.listPending('past-7')).toHaveLength(1);
    counted.take();

    f.origin.clock.advance(60 * MINUTE);
    expect(await pass()).toMatchObject({ eventsProbed: PAST_EVENTS + 1, events: 2, attemptsAborted: 1, failed: [] });
    expect(new Set(counted.take().bookingReads)).toEqual(new Set([f.eventId, 'past-7']));
    expect(await f.origin.deps.ledger.listPending('past-7')).toEqual([]);
    expect(await f.origin.deps.ledger.bookingState('bk_stalled')).toEqual({ kind: 'aborted' });
    expect(await pass()).toMatchObject({ events: 2, eventsProbed: 0 }); // watched again, no sweep
  }, 120_000);
});
