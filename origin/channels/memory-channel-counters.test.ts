import { expect, it } from 'vitest';
import { describeChannelCountersContract } from './channel-counters.contract.js';
import { createMemoryChannelCounters } from './memory-channel-counters.js';

describeChannelCountersContract('memory', async () => createMemoryChannelCounters());

it('keeps at most the cap of viewers per bucket', async () => {
  const counters = createMemoryChannelCounters({ maxViewersPerBucket: 10 });
  for (let index = 0; index < 50; index += 1) await counters.seeViewer('ch-a', `v${index}`, 5_000);
  expect(await counters.viewers('ch-a', 5_000)).toBe(10);
});
