import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventTickPass } from '../events/start-event-ticks.js';
import type { Ledger } from '../ledger/ledger.js';
import { createReconcilePass } from '../reconcile/start-reconciler.js';
import { createTestOrigin, type TestOrigin } from '../test-support/create-test-origin.js';
import { functionUrlEvent, invoke } from '../test-support/function-url-event.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createLambdaHandler } from './lambda-handler.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** The real ledger, the first step of a pass (listing its events) counted and slowed by `delayMs`. */
function watched(ledger: Ledger, delayMs: number, firstStep: 'listEvents' | 'listEventsToReconcile') {
  const seen = { started: 0, finished: 0, running: 0, overlapped: false };
  const list = (ledger[firstStep] as () => Promise<unknown>).bind(ledger);
  const slowed: Ledger = Object.assign(Object.create(ledger) as Ledger, {
    [firstStep]: async () => {
      seen.started += 1;
      seen.overlapped ||= (seen.running += 1) > 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      seen.running -= 1;
      seen.finished += 1;
      return list();
    },
  });
  return { seen, ledger: slowed };
}

/** A pass whose runs are counted as they end (listing is only its first step); a joined run counts once. */
function counted<T extends { run(): Promise<unknown> }>(pass: T) {
  const ends = { count: 0 };
  const runs = new WeakSet<Promise<unknown>>();
  const run = () => {
    const running = pass.run();
    if (!runs.has(running)) {
      runs.add(running);
      void running.finally(() => (ends.count += 1));
    }
    return running;
  };
  return { ends, pass: { ...pass, run } };
}

function lambdaOn(origin: TestOrigin, delays: { ticks: number; reconcile: number }, maxUpkeepWaitMs: number, role: 'home' | 'replica' = 'home') {
  const ticks = watched(origin.deps.ledger, delays.ticks, 'listEvents');
  const reconcile = watched(origin.deps.ledger, delays.reconcile, 'listEventsToReconcile');
  const tickPass = counted(createEventTickPass(ticks.ledger, origin.events));
  const handler = createLambdaHandler(
    { app: origin.app, deps: origin.deps, ticks: tickPass.pass, reconcile: createReconcilePass({ ...origin.deps, ledger: reconcile.ledger }) },
    { eventTickMs: 1_000, reconcileIntervalMs: 10_000, maxUpkeepWaitMs, role, stage: 'test' },
  );
  return { handler, ticks: ticks.seen, tickPassesEnded: tickPass.ends, reconcile: reconcile.seen, health: () => invoke(handler, functionUrlEvent('GET', '/api/health')) };
}

describe('the origin Lambda handler: upkeep without timers', () => {
  it('starts the ticks and the reconciler beside requests, at most once per period each', async () => {
    const origin = await createTestOrigin(dynamo);
    const lambda = lambdaOn(origin, { ticks: 0, reconcile: 0 }, 1_000);
    expect((await lambda.health()).status).toBe(200);
    // A quick pass is done by the time the answer leaves.
    expect([lambda.ticks.finished, lambda.reconcile.finished]).toEqual([1, 1]);
    await lambda.health();
    origin.clock.advance(999);
    await lambda.health();
    expect([lambda.ticks.started, lambda.reconcile.started]).toEqual([1, 1]);
    origin.clock.advance(1);
    await lambda.health();
    expect([lambda.ticks.started, lambda.reconcile.started]).toEqual([2, 1]);
    origin.clock.advance(9_000);
    await lambda.health();
    expect([lambda.ticks.started, lambda.reconcile.started]).toEqual([3, 2]);
  });

  it('holds an answer back at most maxUpkeepWaitMs for a slow pass, and joins it rather than doubling it', async () => {
    const origin = await createTestOrigin(dynamo);
    const lambda = lambdaOn(origin, { ticks: 400, reconcile: 0 }, 50);
    const started = performance.now();
    expect((await lambda.health()).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(300);
    expect(lambda.ticks).toMatchObject({ started: 1, finished: 0 });
    origin.clock.advance(1_000);
    await lambda.health();
    expect(lambda.ticks).toMatchObject({ started: 1, overlapped: false });
    // Wait for the whole first pass (not only its first step) to end; a pass still running is joined.
    for (let waited = 0; lambda.tickPassesEnded.count < 1 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lambda.tickPassesEnded.count).toBe(1);
    origin.clock.advance(1_000);
    await lambda.health();
    expect(lambda.ticks).toMatchObject({ started: 2, overlapped: false });
  });

  it('runs both passes to the end for an EventBridge schedule, whatever their period', async () => {
    const origin = await createTestOrigin(dynamo);
    const lambda = lambdaOn(origin, { ticks: 100, reconcile: 100 }, 10);
    await lambda.health();
    const result = await invoke(lambda.handler, { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    expect(result).toMatchObject({ status: 200, body: { upkeep: 'done' } });
    expect([lambda.ticks.finished, lambda.reconcile.finished]).toEqual([1, 1]);
  });

  it('runs neither pass in a replica origin, for requests or schedules: the failover region writes nothing', async () => {
    const origin = await createTestOrigin(dynamo);
    const lambda = lambdaOn(origin, { ticks: 0, reconcile: 0 }, 1_000, 'replica');
    expect((await lambda.health()).status).toBe(200);
    origin.clock.advance(60_000);
    await lambda.handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
    expect((await lambda.health()).status).toBe(200);
    expect([lambda.ticks.started, lambda.reconcile.started]).toEqual([0, 0]);
  });
});
