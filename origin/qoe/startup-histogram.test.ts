import { expect, it } from 'vitest';
import { startupBucketOf, startupBucketValue, startupPercentile } from './startup-histogram.js';

/** Nearest-rank percentile of the raw samples: what the buckets estimate. */
const exact = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * samples.length)) - 1]!;

const histogram = (samples: number[]) => {
  const buckets = new Map<number, number>();
  for (const sample of samples) buckets.set(startupBucketOf(sample), (buckets.get(startupBucketOf(sample)) ?? 0) + 1);
  return buckets;
};

it('holds every startup time from 0 to 120 s in 100 buckets, a bucket standing for its times within 10 % (5 ms under 10 ms)', () => {
  let [worstBelow10, worst, lowest, highest] = [0, 0, Infinity, -Infinity];
  for (let ms = 0; ms <= 120_000; ms += 1) {
    const bucket = startupBucketOf(ms);
    [lowest, highest] = [Math.min(lowest, bucket), Math.max(highest, bucket)];
    const error = Math.abs(startupBucketValue(bucket) - ms);
    if (ms < 10) worstBelow10 = Math.max(worstBelow10, error);
    else worst = Math.max(worst, error / ms);
  }
  expect([lowest, highest]).toEqual([0, 99]);
  expect(worstBelow10).toBeLessThanOrEqual(5);
  expect(worst).toBeLessThanOrEqual(0.1);
  expect(startupBucketOf(120_000)).toBe(99);
});

it('estimates p50 and p90 of a known long-tailed distribution within 10 %', () => {
  // A log-normal-like spread: 2,000 startups from about 250 ms to 12 s, most under a second.
  const samples = Array.from({ length: 2_000 }, (_, index) => Math.round(250 * Math.exp(((index * 7_919) % 2_000) / 520)));
  const buckets = histogram(samples);
  for (const p of [0.5, 0.9]) {
    const truth = exact(samples, p);
    expect(Math.abs(startupPercentile(buckets, p)! - truth) / truth).toBeLessThanOrEqual(0.1);
  }
  expect(exact(samples, 0.9) / exact(samples, 0.5)).toBeGreaterThan(4);
});

it('gives the exact bucket value for one sample and null for none', () => {
  expect(startupPercentile(new Map(), 0.5)).toBeNull();
  const one = new Map([[startupBucketOf(2_345), 1]]);
  expect(startupPercentile(one, 0.5)).toBe(startupPercentile(one, 0.9));
  expect(Math.abs(startupPercentile(one, 0.5)! - 2_345) / 2_345).toBeLessThanOrEqual(0.05);
});
