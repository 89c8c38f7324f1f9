import { describe, expect, it } from 'vitest';
import { formatCountdown } from './format-countdown.js';

describe('formatCountdown', () => {
  it('ticks in minutes and seconds, with hours when needed, never below zero', () => {
    expect(formatCountdown(249_000)).toBe('4:09');
    expect(formatCountdown(3_909_000)).toBe('1:05:09');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });
});
