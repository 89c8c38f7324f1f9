import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-path.js';

/** Whether the module at (col, row) is drawn by the path. */
const dark = (d: string, col: number, row: number) => d.includes(`M${col} ${row}h1v1h-1z`);

describe('the booking QR code', () => {
  it('draws a QR symbol: its size fits the data and the three finder patterns are there', () => {
    const { size, d } = qrPath('bk_01JEXAMPLE0000000000000000');
    expect(size).toBe(29); // 28 bytes at level M need version 3 (29×29 modules; version 2 holds 26)
    for (const [col, row] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
      for (let i = 0; i < 7; i += 1) {
        expect(dark(d, col + i, row)).toBe(true); // the finder's dark border
        expect(dark(d, col + i, row + 6)).toBe(true);
      }
      expect(dark(d, col + 1, row + 1)).toBe(false); // its light ring
      expect(dark(d, col + 3, row + 3)).toBe(true); // its dark centre
    }
  });

  it('differs for different bookings', () => {
    expect(qrPath('bk_a').d).not.toBe(qrPath('bk_b').d);
  });
});
