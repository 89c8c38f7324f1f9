import { describe, expect, it } from 'vitest';
import { createHeartsBatch } from './hearts-batch.js';

describe('hearts batches', () => {
  it('sends at most one batch per 2 s and at most 50 hearts in it', () => {
    const batch = createHeartsBatch();
    expect(batch.take(0)).toBe(0);
    batch.tap();
    batch.tap(2);
    expect(batch.take(1_000)).toBe(3);
    batch.tap(70);
    expect(batch.take(2_999)).toBe(0);
    expect(batch.take(3_000)).toBe(50);
    expect(batch.take(4_000)).toBe(0);
    expect(batch.take(5_000)).toBe(20);
    expect(batch.pending()).toBe(0);
  });

  it('keeps a refused batch for after the Retry-After', () => {
    const batch = createHeartsBatch();
    batch.tap(5);
    const sent = batch.take(0);
    batch.giveBack(sent, 100, 4_000);
    batch.tap();
    expect(batch.take(2_500)).toBe(0);
    expect(batch.take(4_100)).toBe(6);
  });
});
