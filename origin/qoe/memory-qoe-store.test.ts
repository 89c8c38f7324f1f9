import { expect, it } from 'vitest';
import { createMemoryQoeStore } from './memory-qoe-store.js';
import { describeQoeStoreContract } from './qoe-store.contract.js';

describeQoeStoreContract('memory', async () => createMemoryQoeStore());

it('keeps at most the cap of sessions per minute', async () => {
  const store = createMemoryQoeStore({ maxSessionsPerMinute: 10 });
  const beacons = Array.from({ length: 20 }, (_, index) => ({ channelId: 'ch-a', sessionId: `session-${String(index).padStart(10, '0')}`, playedMs: 1, rebufferMs: 0, bitrateSwitches: 0 }));
  await store.record(beacons, 5_000);
  expect((await store.summary({ kind: 'channel', id: 'ch-a' }, 5_000)).sessions).toBe(10);
  expect((await store.summary({ kind: 'channel', id: 'ch-a' }, 5_000)).playedSeconds).toBe(0.02);
});
