import { afterAll, beforeAll, expect } from 'vitest';
import { createOriginApp } from '../../app.js';
import type { InventoryGate } from '../../inventory/inventory-gate.js';
import { createDynamoLedger } from '../../ledger/dynamo-ledger.js';
import { callApp, type CallResult, type RequestTarget } from '../../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../../test-support/create-test-origin.js';
import { createFaultyDynamoClient, muteSimulatedCrashLogs, type DynamoFault } from '../../test-support/faulty-dynamo-client.js';
import { startDynalite, type TestDynamo } from '../../test-support/start-dynalite.js';
import { reconcile } from '../reconcile.js';
import type { ReconcileReport } from '../reconcile-report.js';

export interface Faults {
  dynamo?: DynamoFault;
  /** Called before every gate method of the crashing origin; throw or wait as for `DynamoFault`. */
  gate?: (method: string) => void | Promise<void>;
}

/**
 * Two origins on one ledger table and one gate: a healthy one, and one whose ledger client and
 * gate obey `faults`, to play a process that dies (or stalls) at any step of a booking.
 */
export async function createCrashFixture(dynamo: TestDynamo, gate: InventoryGate) {
  const origin: TestOrigin = await createTestOrigin(dynamo, { gate, settings: { bookingTimeoutMs: 5_000, driftSettleMs: 20_000 } });
  const faults: Faults = {};
  const hook = {
    get fault(): DynamoFault | undefined {
      return faults.dynamo;
    },
  };
  const crashingGate = new Proxy(gate, {
    get(target, method: keyof InventoryGate) {
      return async (...args: unknown[]) => {
        await faults.gate?.(method);
        return Reflect.apply(Reflect.get(target, method), target, args);
      };
    },
  });
  const crashingDeps = { ...origin.deps, gate: crashingGate, ledger: createDynamoLedger(createFaultyDynamoClient(dynamo.endpoint, hook), origin.tableName) };
  const crashing: RequestTarget = createOriginApp(crashingDeps).app;
  const items = [
    { id: 'slot', label: '10:00', capacity: 2, perUserLimit: 1 },
    { id: 'deal', label: 'Set', capacity: 5, perUserLimit: 3 },
  ];
  const created = await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { kind: 'deal', items }) });
  const eventId = created.body.id as string;
  const { ledger } = origin.deps;

  return {
    origin,
    crashing,
    faults,
    eventId,
    async accessToken(userId: string): Promise<string> {
      return (await origin.deps.tokens.sign('access', { sub: userId, evt: eventId }, 3_600)).token;
    },
    async book(target: RequestTarget, userId: string, key: string, body: { itemId: string; quantity?: number }): Promise<CallResult> {
      const token = await this.accessToken(userId);
      return callApp(target, 'POST', `/api/events/${eventId}/bookings`, { token, headers: { 'idempotency-key': key }, body });
    },
    async cancel(target: RequestTarget, userId: string, bookingId: string): Promise<CallResult> {
      const { token } = await origin.deps.tokens.sign('id', { sub: userId, idk: 'member' }, 3_600);
      return callApp(target, 'DELETE', `/api/bookings/${bookingId}`, { token });
    },
    /** Moves past every deadline a crashed request left, then runs one reconciliation pass. */
    async settle(advanceMs = 5_001): Promise<ReconcileReport> {
      origin.clock.advance(advanceMs);
      return reconcile(origin.deps, origin.clock.now());
    },
    /** Ledger journal, counters, booking records and gate all tell the same story. */
    async expectConsistent(): Promise<void> {
      expect(await ledger.listPending(eventId)).toEqual([]);
      const confirmed = (await ledger.listBookingsByEvent(eventId)).filter((b) => b.status === 'confirmed');
      const availability = await gate.availability(eventId);
      for (const counter of await ledger.itemCounters(eventId)) {
        const sum = confirmed.filter((b) => b.itemId === counter.itemId).reduce((total, b) => total + b.quantity, 0);
        expect(counter, counter.itemId).toMatchObject({ markers: [], booked: sum });
        expect(counter.booked).toBeLessThanOrEqual(counter.capacity);
        if (availability.size > 0) expect(availability.get(counter.itemId)?.booked, `gate ${counter.itemId}`).toBe(sum);
      }
      if (await gate.isLoaded(eventId)) expect(new Set((await gate.reservations(eventId)).keys())).toEqual(new Set(confirmed.map((b) => b.id)));
    },
  };
}

export type CrashFixture = Awaited<ReturnType<typeof createCrashFixture>>;

/**
 * A dynalite for the whole file, with the simulated crashes' log lines muted: the setup the
 * reconciler's crash, repair and scale tests share. Read the server through the returned getter.
 */
export function useCrashDynalite(): () => TestDynamo {
  let dynamo: TestDynamo;
  let unmute: () => void;
  beforeAll(async () => {
    unmute = muteSimulatedCrashLogs();
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    unmute();
    await dynamo.close();
  });
  return () => dynamo;
}
