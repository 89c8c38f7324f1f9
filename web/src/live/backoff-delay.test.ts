import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    const highest = [1, 2, 3, 4, 5, 6, 7, 20].map((failures) => backoffDelay(failures, { random: () => 1 }));
    expect(highest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('keeps half of each wait fixed and spreads the other half', () => {
    const lowest = [1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, { random: () => 0 }));
    expect(lowest).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000]);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(3_000);
  });

  it('spreads a crowd that failed together', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(4, { random })));
    expect(waits.size).toBeGreaterThan(40);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
  });

  it('takes other bounds', () => {
    expect(backoffDelay(10, { baseMs: 500, capMs: 5_000, random: () => 1 })).toBe(5_000);
    expect(backoffDelay(0, { random: () => 1 })).toBe(1_000);
  });
});
