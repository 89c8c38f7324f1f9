import { beforeEach, describe, expect, it } from 'vitest';
import { PLAY_WINDOW_MS, type ReplayPlays } from './replay-plays.js';

const T0 = Date.parse('2026-12-05T00:00:03Z');

/** The one suite every ReplayPlays adapter passes. `make` gives a fresh, empty counter. */
export function describeReplayPlaysContract(name: string, make: () => Promise<ReplayPlays>) {
  describe(`ReplayPlays contract: ${name}`, () => {
    let plays: ReplayPlays;
    beforeEach(async () => {
      plays = await make();
    });

    it('counts a viewer once per replay per 30 minutes, and again after', async () => {
      expect(await plays.countPlay('rp-a', 'ana', T0)).toBe('counted');
      expect(await plays.countPlay('rp-a', 'ana', T0 + PLAY_WINDOW_MS - 1)).toBe('repeat');
      expect(await plays.countPlay('rp-b', 'ana', T0 + 1)).toBe('counted');
      expect(await plays.countPlay('rp-a', 'bo', T0 + 2)).toBe('counted');
      expect(await plays.countPlay('rp-a', 'ana', T0 + PLAY_WINDOW_MS)).toBe('counted');
      expect(await plays.takePending()).toEqual(new Map([['rp-a', 3], ['rp-b', 1]]));
    });

    it('counts one of 30 plays one viewer sends at once, and every distinct viewer', async () => {
      const same = await Promise.all(Array.from({ length: 30 }, () => plays.countPlay('rp-a', 'ana', T0)));
      expect(same.filter((result) => result === 'counted')).toHaveLength(1);
      const distinct = await Promise.all(Array.from({ length: 200 }, (_, index) => plays.countPlay('rp-b', `viewer-${index}`, T0)));
      expect(distinct.every((result) => result === 'counted')).toBe(true);
      expect(await plays.takePending()).toEqual(new Map([['rp-a', 1], ['rp-b', 200]]));
    });

    it('hands pending plays to one fold only, keeps what comes after, and takes back what a fold gives back', async () => {
      expect(await plays.takePending()).toEqual(new Map());
      await plays.countPlay('rp-a', 'ana', T0);
      await plays.countPlay('rp-a', 'bo', T0);
      const [first, second] = await Promise.all([plays.takePending(), plays.takePending()]);
      expect([...first.values(), ...second.values()]).toEqual([2]);
      await plays.countPlay('rp-a', 'cy', T0);
      await plays.restorePending('rp-a', 2);
      await plays.restorePending('rp-c', 5);
      expect(await plays.takePending()).toEqual(new Map([['rp-a', 3], ['rp-c', 5]]));
      expect(await plays.takePending()).toEqual(new Map());
    });
  });
}
