import { describe, expect, it } from 'vitest';
import { linearScale, linePath, niceTicks } from './chart-scale.js';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included (SVG y grows downwards)', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
    expect(y(100)).toBe(0);
  });

  it('maps a zero-width domain to the range start instead of NaN', () => {
    expect(linearScale([5, 5], [10, 90])(5)).toBe(10);
  });
});

describe('niceTicks', () => {
  it('counts up from 0 in round steps to at least the maximum', () => {
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(730)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(9)).toEqual([0, 5, 10]);
    expect(niceTicks(12_345, 4)).toEqual([0, 5_000, 10_000, 15_000]);
  });

  it('never steps by less than one (counts) and gives an axis for an all-zero chart', () => {
    expect(niceTicks(2)).toEqual([0, 1, 2]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('linePath', () => {
  const identity = (value: number) => value;

  it('moves to the first point and draws lines through the rest', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 5, y: 20 }, { x: 10, y: 15 }], identity, identity)).toBe('M0 10 L5 20 L10 15');
  });

  it('breaks the line at a missing value and starts again after it', () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 3 }, { x: 3, y: 4 }], identity, identity)).toBe('M0 1 M2 3 L3 4');
  });

  it('draws through the scales, rounded to a tenth of a pixel', () => {
    const x = linearScale([0, 3], [0, 100]);
    const y = linearScale([0, 10], [50, 0]);
    expect(linePath([{ x: 0, y: 0 }, { x: 1, y: 10 }], x, y)).toBe('M0 50 L33.3 0');
  });

  it('is empty with nothing to draw', () => {
    expect(linePath([], identity, identity)).toBe('');
  });
});
