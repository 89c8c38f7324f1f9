import { describe, expect, it } from 'vitest';
import { formatEta } from './format-eta.js';

describe('formatEta', () => {
  it.each([
    [null, 'unknown for now'],
    [Number.POSITIVE_INFINITY, 'unknown for now'],
    [0, 'any moment now'],
    [45, 'less than a minute'],
    [60, 'about 1 minute'],
    [250, 'about 4 minutes'],
    [3600, 'about 1 h'],
    [4800, 'about 1 h 20 min'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
});
