import { expect, it } from 'vitest';
import { createMemoryReplayPlays } from './memory-replay-plays.js';
import { PLAY_WINDOW_MS } from './replay-plays.js';
import { describeReplayPlaysContract } from './replay-plays.contract.js';

describeReplayPlaysContract('memory', async () => createMemoryReplayPlays());

it('keeps at most the cap of viewer windows, dropping expired ones first', async () => {
  const plays = createMemoryReplayPlays({ maxViewers: 2 });
  await plays.countPlay('rp-a', 'ana', 0);
  await plays.countPlay('rp-a', 'bo', 0);
  // Full: cy counts but is not remembered, so its repeat counts again.
  expect(await plays.countPlay('rp-a', 'cy', 1)).toBe('counted');
  expect(await plays.countPlay('rp-a', 'cy', 2)).toBe('counted');
  expect(await plays.countPlay('rp-a', 'ana', 3)).toBe('repeat');
  // Once the first windows are over they make room.
  expect(await plays.countPlay('rp-a', 'dee', PLAY_WINDOW_MS)).toBe('counted');
  expect(await plays.countPlay('rp-a', 'dee', PLAY_WINDOW_MS + 1)).toBe('repeat');
});
