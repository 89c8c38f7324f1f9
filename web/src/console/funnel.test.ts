import { describe, expect, it } from 'vitest';
import { funnelBars } from './funnel.js';

const stats = { eventId: 'd', status: 'open' as const, tailSeq: 80, servingSeq: 50, waiting: 30, prequeued: 20, active: 10, admitted: 50, booked: 25, remaining: 5, items: [] };

describe('funnelBars', () => {
  it('goes viewers → joined (placed + pre-queued) → admitted → booked, scaled to the widest', () => {
    expect(funnelBars(stats, 200)).toEqual([
      { step: 'viewers', value: 200, share: 1 },
      { step: 'joined', value: 100, share: 0.5 },
      { step: 'admitted', value: 50, share: 0.25 },
      { step: 'booked', value: 25, share: 0.125 },
    ]);
  });

  it('leaves viewers out for a drop without a channel', () => {
    expect(funnelBars(stats, undefined).map((bar) => bar.step)).toEqual(['joined', 'admitted', 'booked']);
  });

  it('draws empty bars, not NaN, before anyone arrives', () => {
    const empty = { ...stats, tailSeq: 0, prequeued: 0, admitted: 0, booked: 0 };
    expect(funnelBars(empty, 0).map((bar) => bar.share)).toEqual([0, 0, 0, 0]);
  });
});
