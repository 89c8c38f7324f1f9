import { describe, expect, it } from 'vitest';
import { summarizeRemaining } from './summarize-remaining.js';

describe('summarizeRemaining', () => {
  const item = (remaining: number, capacity: number) => ({ id: 'i', label: 'l', remaining, capacity, perUserLimit: 1 });
  it('counts places and open slots for bookings', () => {
    expect(summarizeRemaining({ kind: 'booking', status: 'open', items: [item(3, 10), item(0, 10)] })).toBe(
      '3 of 20 places left in 1 of 2 slots',
    );
  });
  it('says sold out when nothing is left', () => {
    expect(summarizeRemaining({ kind: 'deal', status: 'open', items: [item(0, 5)] })).toBe('Sold out');
  });
});
