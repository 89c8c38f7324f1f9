import { describe, expect, it } from 'vitest';
import { makeStatsHistory, sampleOf, type StatsSample } from './stats-history.js';

const sample = (at: number, waiting = at): StatsSample => ({ at, waiting, admitted: 0, active: 0, booked: 0 });

describe('the stats history', () => {
  it('keeps samples oldest first', () => {
    const history = makeStatsHistory({ windowMs: 60_000, capacity: 5 });
    [1_000, 2_000, 3_000].forEach((at) => history.push(sample(at)));
    expect(history.samples(3_000).map((s) => s.at)).toEqual([1_000, 2_000, 3_000]);
  });

  it('overwrites the oldest once full, never growing past its capacity', () => {
    const history = makeStatsHistory({ windowMs: 60_000, capacity: 3 });
    [1, 2, 3, 4, 5, 6, 7].forEach((second) => history.push(sample(second * 1_000)));
    expect(history.size).toBe(3);
    expect(history.samples(7_000).map((s) => s.at)).toEqual([5_000, 6_000, 7_000]);
  });

  it('drops samples older than the window, however few the ring holds', () => {
    const history = makeStatsHistory({ windowMs: 5 * 60_000, capacity: 180 });
    history.push(sample(0));
    history.push(sample(60_000));
    history.push(sample(310_000));
    expect(history.samples(310_000).map((s) => s.at)).toEqual([60_000, 310_000]);
    expect(history.samples(400_000).map((s) => s.at)).toEqual([310_000]);
  });

  it('takes the charted figures from a stats answer', () => {
    const stats = { eventId: 'd', status: 'open' as const, tailSeq: 9, servingSeq: 4, waiting: 5, prequeued: 0, active: 2, admitted: 4, booked: 3, remaining: 7, items: [] };
    expect(sampleOf(stats, 42)).toEqual({ at: 42, waiting: 5, admitted: 4, active: 2, booked: 3 });
  });
});
