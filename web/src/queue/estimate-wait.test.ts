import { describe, expect, it } from 'vitest';
import { addSample, estimateWait, MAX_SAMPLES, SAMPLE_WINDOW_MS, type PositionSample } from './estimate-wait.js';

const T0 = Date.parse('2026-12-05T01:00:00Z');
/** Samples from [seconds after T0, position] pairs, added one by one as the waiting room does. */
const series = (points: [number, number][]) =>
  points.reduce<PositionSample[]>((samples, [seconds, position]) => addSample(samples, { at: T0 + seconds * 1000, position }), []);

describe('estimateWait', () => {
  it('turns a steady drain of 1 person a second into a narrow range around the true wait', () => {
    const samples = series([[0, 300], [20, 280], [40, 260], [60, 240]]);
    // 240 ahead at 1/s: 240 s, widened by 15 % either side since the line has been perfectly steady.
    expect(estimateWait(samples, 240, 999)).toEqual({ lowSeconds: 204, highSeconds: 276, source: 'measured' });
  });

  it('widens the range when the line sped up: the slow start is the long end, the fast end the short', () => {
    // 0–60 s: 10 people (1 every 6 s); 60–90 s: 60 people (2 a second).
    const samples = series([[0, 500], [60, 490], [90, 430]]);
    const range = estimateWait(samples, 430, null)!;
    // Rates: from t=0, 70 over 90 s (0.78/s) → 553 s; from t=60, 60 over 30 s (2/s) → 215 s.
    expect(range).toEqual({ lowSeconds: 215, highSeconds: 553, source: 'measured' });
  });

  it('ignores spans too short to measure and falls back to the server figure, widened', () => {
    const samples = series([[0, 100], [5, 97]]);
    expect(estimateWait(samples, 97, 120)).toEqual({ lowSeconds: 90, highSeconds: 150, source: 'server' });
  });

  it('says nothing when the line has not moved and the server cannot tell either', () => {
    const samples = series([[0, 100], [30, 100], [60, 100]]);
    expect(estimateWait(samples, 100, null)).toBeUndefined();
    expect(estimateWait(samples, 100, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(estimateWait([], null, 60)).toBeUndefined();
  });

  it('is zero at the front of the line', () => {
    expect(estimateWait(series([[0, 3]]), 0, 5)).toEqual({ lowSeconds: 0, highSeconds: 0, source: 'measured' });
  });
});

describe('addSample', () => {
  it('forgets samples older than the window', () => {
    const samples = series([[0, 900], [60, 880], [400, 800], [420, 790]]);
    // The window is five minutes back from the newest sample (420 s): 0 s and 60 s are gone.
    expect(SAMPLE_WINDOW_MS).toBe(300_000);
    expect(samples.map((sample) => [(sample.at - T0) / 1000, sample.position])).toEqual([[400, 800], [420, 790]]);
  });

  it('keeps at most MAX_SAMPLES', () => {
    const points = Array.from({ length: MAX_SAMPLES + 5 }, (_, i): [number, number] => [i, 1000 - i]);
    const samples = series(points);
    expect(samples).toHaveLength(MAX_SAMPLES);
    expect(samples.at(-1)).toEqual({ at: T0 + (MAX_SAMPLES + 4) * 1000, position: 1000 - (MAX_SAMPLES + 4) });
  });

  it('starts a new series when the position goes up (a new place says nothing about the old drain)', () => {
    expect(series([[0, 50], [20, 40], [30, 400]])).toEqual([{ at: T0 + 30_000, position: 400 }]);
  });
});
