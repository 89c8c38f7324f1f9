import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createRedisInventoryGate } from '../inventory/redis-inventory-gate.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { failOnce } from '../test-support/faulty-dynamo-client.js';
import { createCrashFixture, useCrashDynalite, type CrashFixture } from './test-support/crash-fixture.js';

const dynamoServer = useCrashDynalite();

/** Waits for the crashing origin to reach a request, holds it there, and lets it go on `resume()`. */
function stallAt(f: CrashFixture, command: string, inputContains: string) {
  let resume!: () => void;
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  f.faults.dynamo = failOnce(command, inputContains, () => new Promise<void>((resolve) => ((resume = resolve), arrived())));
  return { reached, resume: () => resume() };
}

describe('reconciliation repairs what no request is working on', () => {
  let f: CrashFixture;
  beforeEach(async () => (f = await createCrashFixture(dynamoServer(), createMemoryInventoryGate())));

  it('fixes a counter that drifted from its bookings, but only once the drift has held', async () => {
    await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 });
    // A count off by one with no marker to explain it (an older version's crash, a manual edit).
    await dynamoServer().client.send(
      new UpdateItemCommand({
        TableName: f.origin.tableName,
        Key: { pk: { S: `EVENT#${f.eventId}` }, sk: { S: 'ITEM#deal' } },
        UpdateExpression: 'ADD booked :one, v :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect(await f.settle(0)).toMatchObject({ driftNoted: 1, countersFixed: 0 });
    expect(await f.settle(10_000)).toMatchObject({ driftNoted: 0, countersFixed: 0 }); // not settled yet
    expect((await f.origin.deps.ledger.itemCounts(f.eventId)).get('deal')).toBe(3);
    expect(await f.settle(10_000)).toMatchObject({ countersFixed: 1 });
    await f.expectConsistent();
  });

  it('forgets a drift note when the counter changes before it settles', async () => {
    await dynamoServer().client.send(
      new UpdateItemCommand({
        TableName: f.origin.tableName,
        Key: { pk: { S: `EVENT#${f.eventId}` }, sk: { S: 'ITEM#slot' } },
        UpdateExpression: 'ADD booked :one, v :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect(await f.settle(0)).toMatchObject({ driftNoted: 1 });
    await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'slot' }); // moves the version
    expect(await f.settle(25_000)).toMatchObject({ driftNoted: 1, countersFixed: 0 });
    expect(await f.settle(25_000)).toMatchObject({ countersFixed: 1 });
    await f.expectConsistent();
  });

  it('releases gate places the ledger does not back and restores the ones it does', async () => {
    const kept = await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 });
    await f.book(f.origin.app, 'bo', 'bo-key-1', { itemId: 'slot' });
    const { gate } = f.origin.deps;
    await gate.release({ eventId: f.eventId, bookingId: kept.body.booking.id, forgetKey: false });
    await gate.reserve({ eventId: f.eventId, itemId: 'slot', userId: 'ghost', quantity: 1, idempotencyKey: 'ghost-key', fingerprint: 'f', bookingId: 'bk_ghost' }, { now: f.origin.clock.now() });
    expect(await f.settle(0)).toMatchObject({ gateReleased: 1, gateRestored: 1 });
    await f.expectConsistent();
    expect(await f.settle(0)).toMatchObject({ gateReleased: 0, gateRestored: 0 });
  });

  it('leaves attempts in flight alone', async () => {
    const stall = stallAt(f, 'PutItemCommand', 'gsi1pk');
    const booking = f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 1 });
    await stall.reached;
    const report = await f.settle(1_000);
    expect(report).toMatchObject({ attemptsAborted: 0, markersReverted: 0, markersSettled: 0, driftNoted: 0, gateReleased: 0 });
    stall.resume();
    expect((await booking).status).toBe(201);
    await f.expectConsistent();
  });
});

describe.runIf(redisServerAvailable())('a Redis wipe while attempts are in flight', () => {
  const redis = useRedisServer();
  let f: CrashFixture;
  let prefix = 0;
  beforeEach(async () => (f = await createCrashFixture(dynamoServer(), createRedisInventoryGate(redis().redis, { prefix: `wipe${(prefix += 1)}` }))));

  it('rebuilds the gate with the attempt, which then books without overselling', async () => {
    await f.book(f.origin.app, 'u1', 'u1-key-1', { itemId: 'slot' });
    const stall = stallAt(f, 'UpdateItemCommand', 'ADD booked :q');
    const inFlight = f.book(f.crashing, 'u2', 'u2-key-1', { itemId: 'slot' });
    await stall.reached;
    await redis().redis.flushall();
    const third = await f.book(f.origin.app, 'u3', 'u3-key-1', { itemId: 'slot' });
    // u1 booked, u2's attempt (still in flight, it may fall through) holds the other place: not "sold out" yet.
    expect([third.status, third.body.code]).toEqual([409, 'places_held']);
    stall.resume();
    expect((await inFlight).status).toBe(201);
    await f.expectConsistent();
  });

  it('keeps the per-user limit: a second attempt of the same user is refused after the rebuild', async () => {
    const stall = stallAt(f, 'UpdateItemCommand', 'ADD booked :q');
    const first = f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 3 });
    await stall.reached;
    await redis().redis.flushall();
    const second = await f.book(f.origin.app, 'ana', 'ana-key-2', { itemId: 'deal', quantity: 1 });
    expect([second.status, second.body.code]).toEqual([409, 'limit_reached']);
    stall.resume();
    expect((await first).status).toBe(201);
    await f.expectConsistent();
    expect((await f.origin.deps.ledger.listBookingsByUser('ana')).map((b) => b.quantity)).toEqual([3]);
  });

  it('an attempt the rebuild left out gives up instead of booking past the limit', async () => {
    // ana's older attempt is still at the journal step when the gate is rebuilt: the rebuild
    // prefers it, so the newer attempt, already reserved in the lost gate, must not book.
    const older = stallAt(f, 'UpdateItemCommand', 'ADD booked :q');
    const newer = f.book(f.crashing, 'ana', 'ana-key-2', { itemId: 'slot' });
    await older.reached;
    await redis().redis.flushall();
    await f.origin.deps.ledger.putPending({
      booking: { id: 'bk_older', eventId: f.eventId, itemId: 'slot', userId: 'ana', quantity: 1, status: 'confirmed', createdAt: '2000-01-01T00:00:00.000Z', idempotencyKey: 'ana-key-1', fingerprint: 'f' },
      deadline: f.origin.clock.now() + 5_000,
    });
    expect((await f.book(f.origin.app, 'bo', 'bo-key-1', { itemId: 'slot' })).status).toBe(201);
    older.resume();
    const refused = await newer;
    expect([refused.status, refused.body.code]).toEqual([409, 'limit_reached']);
    expect(await f.settle()).toMatchObject({ attemptsAborted: 1, gateReleased: 1 });
    await f.expectConsistent();
  });
});
