import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createReconcilePass, startReconciler } from './start-reconciler.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe('the reconciler timer', () => {
  it('runs at once and on its interval, one pass at a time, and stops for good', async () => {
    const origin = await createTestOrigin(dynamo);
    let passes = 0;
    let running = 0;
    let overlapped = false;
    // Listing the events to visit is every pass's first ledger read.
    const listEvents = origin.deps.ledger.listEventsToReconcile.bind(origin.deps.ledger);
    const ledger = {
      ...origin.deps.ledger,
      listEventsToReconcile: async () => {
        passes += 1;
        overlapped ||= (running += 1) > 1;
        await new Promise((resolve) => setTimeout(resolve, 30)); // slower than the interval
        running -= 1;
        return listEvents();
      },
    };
    const reconciler = startReconciler(createReconcilePass({ ...origin.deps, ledger }), 10);
    expect(passes).toBe(1);
    expect(await reconciler.runNow()).toMatchObject({ events: 0, failed: [] });
    for (let waited = 0; passes < 4 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await reconciler.stop();
    const stoppedAt = passes;
    expect(stoppedAt).toBeGreaterThanOrEqual(4);
    expect(overlapped).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(passes).toBe(stoppedAt);
  });
});
