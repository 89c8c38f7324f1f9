import { beforeEach, describe, expect, it } from 'vitest';
import { HEARTS_INTERVAL_MS, type ChannelCounters } from './channel-counters.js';

const T0 = Date.parse('2026-12-05T00:00:03Z');

/** The one suite every ChannelCounters adapter passes. `make` gives fresh, empty counters. */
export function describeChannelCountersContract(name: string, make: () => Promise<ChannelCounters>) {
  describe(`ChannelCounters contract: ${name}`, () => {
    let counters: ChannelCounters;
    beforeEach(async () => {
      counters = await make();
    });

    it('counts 1,000 distinct viewers within 2 %, and a viewer seen twice once', async () => {
      for (let index = 0; index < 1_000; index += 1) await counters.seeViewer('ch-a', `viewer-${index}`, T0 + index * 20);
      const counted = await counters.viewers('ch-a', T0 + 20_000);
      expect(Math.abs(counted - 1_000)).toBeLessThanOrEqual(20);
      await counters.seeViewer('ch-b', 'same', T0);
      await counters.seeViewer('ch-b', 'same', T0 + 12_000);
      expect(await counters.viewers('ch-b', T0 + 12_000)).toBe(1);
      expect(await counters.viewers('ch-unseen', T0)).toBe(0);
    });

    it('counts a viewer for a minute, then drops the old buckets', async () => {
      await counters.seeViewer('ch-a', 'early', T0);
      await counters.seeViewer('ch-a', 'late', T0 + 30_000);
      expect(await counters.viewers('ch-a', T0 + 50_000)).toBe(2);
      expect(await counters.viewers('ch-a', T0 + 61_000)).toBe(1);
      expect(await counters.viewers('ch-a', T0 + 91_000)).toBe(0);
    });

    it('sums hearts from 200 viewers sent at once, exactly', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) => counters.addHearts('ch-a', `viewer-${index}`, (index % 50) + 1, T0)),
      );
      expect(results.every((result) => result.kind === 'accepted')).toBe(true);
      const expected = Array.from({ length: 200 }, (_, index) => (index % 50) + 1).reduce((sum, count) => sum + count, 0);
      expect(await counters.hearts('ch-a')).toBe(expected);
      expect(await counters.hearts('ch-b')).toBe(0);
    });

    it('takes one hearts request per viewer per 2 s and counts nothing refused', async () => {
      expect(await counters.addHearts('ch-a', 'ana', 5, T0)).toEqual({ kind: 'accepted' });
      expect(await counters.addHearts('ch-a', 'ana', 7, T0 + 1_500)).toEqual({ kind: 'rate_limited', retryAfterMs: 500 });
      expect(await counters.addHearts('ch-a', 'bo', 3, T0 + 1_500)).toEqual({ kind: 'accepted' });
      expect(await counters.hearts('ch-a')).toBe(8);
      expect(await counters.addHearts('ch-a', 'ana', 2, T0 + HEARTS_INTERVAL_MS)).toEqual({ kind: 'accepted' });
      expect(await counters.hearts('ch-a')).toBe(10);
    });

    it('refuses all but one of 20 requests one viewer sends at once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => counters.addHearts('ch-a', 'ana', 1, T0)));
      expect(results.filter((result) => result.kind === 'accepted')).toHaveLength(1);
      expect(await counters.hearts('ch-a')).toBe(1);
    });
  });
}
