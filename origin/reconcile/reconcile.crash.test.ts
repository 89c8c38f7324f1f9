import { beforeEach, describe, expect, it } from 'vitest';
import type { InventoryGate } from '../inventory/inventory-gate.js';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createRedisInventoryGate } from '../inventory/redis-inventory-gate.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { failOnce, SimulatedCrash } from '../test-support/faulty-dynamo-client.js';
import { reconcile } from './reconcile.js';
import { createCrashFixture, useCrashDynalite, type CrashFixture } from './test-support/crash-fixture.js';

const dynamoServer = useCrashDynalite();

const crash = (where: string) => () => {
  throw new SimulatedCrash(where);
};
/** The second reserve of an attempt is the firm one (step 4). */
const failSecondReserve = () => {
  let reserves = 0;
  return (method: string) => (method === 'reserve' && (reserves += 1) === 2 ? crash('at firm reserve')() : undefined);
};

/** docs/decisions/0006: a process dies at every step of a booking; nothing is lost or held forever. */
function describeCrashes(name: string, makeGate: () => InventoryGate): void {
  describe(`a booking that dies half-way (${name} gate)`, () => {
    let f: CrashFixture;
    beforeEach(async () => (f = await createCrashFixture(dynamoServer(), makeGate())));

    it('before the gate reserves: nothing is held anywhere, the key books again', async () => {
      f.faults.gate = (method) => (method === 'reserve' ? crash('at reserve')() : undefined);
      expect((await f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 })).status).toBe(503);
      await f.expectConsistent();
      expect((await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 })).status).toBe(201);
    });

    it('before the journal: the provisional place drops itself at the deadline', async () => {
      f.faults.dynamo = failOnce('PutItemCommand', 'PENDING#', crash('at journal'));
      expect((await f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'slot' })).status).toBe(503);
      expect(await f.origin.deps.ledger.listPending(f.eventId)).toEqual([]);
      expect((await f.origin.deps.gate.availability(f.eventId)).get('slot')?.booked).toBe(1);
      expect(await f.settle()).toMatchObject({ gateReleased: 1, attemptsAborted: 0 });
      await f.expectConsistent();
      expect((await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'slot' })).status).toBe(201);
    });

    it.each([
      ['before the counter claim', (f: CrashFixture) => (f.faults.dynamo = failOnce('UpdateItemCommand', 'ADD booked :q', crash('at claim')))],
      ['before the firm reserve', (f: CrashFixture) => (f.faults.gate = failSecondReserve())],
      ['before the booking record', (f: CrashFixture) => (f.faults.dynamo = failOnce('PutItemCommand', 'gsi1pk', crash('at record')))],
    ])('%s: answers 503, then the reconciler aborts it and the key books again', async (_step, arm) => {
      arm(f);
      const died = await f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 });
      expect([died.status, died.body.code]).toEqual([503, 'origin_unavailable']);
      expect(await f.origin.deps.ledger.listPending(f.eventId)).toHaveLength(1);

      const early = await reconcile(f.origin.deps, f.origin.clock.now());
      expect(early).toMatchObject({ attemptsAborted: 0, markersReverted: 0, gateReleased: 0 }); // its deadline has not passed
      const report = await f.settle();
      expect(report).toMatchObject({ attemptsAborted: 1, attemptsSettled: 0, gateReleased: 1, failed: [] });
      await f.expectConsistent();
      expect((await f.origin.deps.ledger.itemCounts(f.eventId)).get('deal')).toBe(0);

      const retried = await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 2 });
      expect(retried.status).toBe(201);
      await f.expectConsistent();
    });

    it('after the booking record: answers 201, and the reconciler only tidies up', async () => {
      f.faults.dynamo = failOnce('UpdateItemCommand', 'DELETE inflight', crash('at settle'));
      const booked = await f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'slot' });
      expect(booked.status).toBe(201);
      expect(await f.origin.deps.ledger.getBooking(booked.body.booking.id)).toMatchObject({ status: 'confirmed' });
      expect(await f.settle()).toMatchObject({ attemptsSettled: 0, attemptsAborted: 0, markersSettled: 1 });
      await f.expectConsistent();
      const replay = await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'slot' });
      expect([replay.status, replay.body.booking.id]).toEqual([200, booked.body.booking.id]);
    });

    it('a request that stalls past its deadline is fenced: it cannot book after its places were released', async () => {
      let resume!: () => void;
      let stalled!: () => void;
      const reached = new Promise<void>((resolve) => (stalled = resolve));
      f.faults.dynamo = failOnce('PutItemCommand', 'gsi1pk', () => new Promise<void>((resolve) => ((resume = resolve), stalled())));
      const pending = f.book(f.crashing, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 3 });
      await reached;
      expect(await f.settle()).toMatchObject({ attemptsAborted: 1, markersReverted: 1 });
      resume();
      expect((await pending).status).toBe(503);
      await f.expectConsistent();
      expect((await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 3 })).status).toBe(201);
    });

    it('a cancel that dies before returning the places: the reconciler returns them once', async () => {
      const booked = await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'deal', quantity: 3 });
      f.faults.dynamo = failOnce('UpdateItemCommand', 'ADD booked :minus', crash('at return'));
      const died = await f.cancel(f.crashing, 'ana', booked.body.booking.id);
      expect(died.status).toBe(503);
      expect(await f.origin.deps.ledger.getBooking(booked.body.booking.id)).toMatchObject({ status: 'cancelled' });
      expect((await f.origin.deps.ledger.itemCounts(f.eventId)).get('deal')).toBe(3); // held until reconciled

      expect(await f.settle()).toMatchObject({ markersReverted: 1, gateReleased: 1 });
      await f.expectConsistent();
      expect(await f.settle()).toMatchObject({ markersReverted: 0, gateReleased: 0 });
      const again = await f.cancel(f.origin.app, 'ana', booked.body.booking.id);
      expect([again.status, again.body.booking.status]).toEqual([200, 'cancelled']);
      await f.expectConsistent();
    });

    it('a cancel that dies before cancelling: the booking stands, its announcement is dropped', async () => {
      const booked = await f.book(f.origin.app, 'ana', 'ana-key-1', { itemId: 'slot' });
      f.faults.dynamo = failOnce('UpdateItemCommand', 'cancelMarker', crash('at flip'));
      expect((await f.cancel(f.crashing, 'ana', booked.body.booking.id)).status).toBe(503);
      expect(await f.settle()).toMatchObject({ markersSettled: 1, markersReverted: 0 });
      await f.expectConsistent();
      expect(await f.origin.deps.ledger.getBooking(booked.body.booking.id)).toMatchObject({ status: 'confirmed' });
    });
  });
}

describeCrashes('memory', () => createMemoryInventoryGate());

describe.runIf(redisServerAvailable())('on a real redis-server', () => {
  const redis = useRedisServer();
  let prefix = 0;
  describeCrashes('redis', () => createRedisInventoryGate(redis().redis, { prefix: `crash${(prefix += 1)}` }));
});
