import { describe, expect, it } from 'vitest';
import type { QueueState } from '../api/queue.js';
import { refreshAfterMs } from '../queue-math/refresh-policy.js';
import { visitorStatus } from './visitor-status.js';

const now = Date.parse('2026-12-05T01:00:00Z');
const state = (overrides: Partial<QueueState> = {}): QueueState => ({
  eventId: 'e1',
  status: 'open',
  servingSeq: 100,
  tailSeq: 5000,
  admitRatePerMinute: 600,
  refreshAfterMs: 1000,
  startsAt: new Date(now - 60_000).toISOString(),
  updatedAt: new Date(now).toISOString(),
  ...overrides,
});

describe('visitorStatus', () => {
  it('computes position and ETA from seq and servingSeq', () => {
    expect(visitorStatus(1300, state(), now)).toEqual({ status: 'waiting', seq: 1300, position: 1200, etaSeconds: 120, refreshAfterMs: 15_000 });
  });

  it('says ready once servingSeq reaches the seq', () => {
    expect(visitorStatus(100, state(), now)).toMatchObject({ status: 'ready', position: 0 });
    expect(visitorStatus(40, state(), now)).toMatchObject({ status: 'ready', position: 0 });
  });

  it('keeps paused visitors in place without an ETA', () => {
    expect(visitorStatus(150, state({ status: 'paused' }), now)).toMatchObject({ status: 'paused', position: 50, etaSeconds: null });
  });

  it('tells everyone at once when the event is sold out or closed', () => {
    expect(visitorStatus(150, state({ status: 'soldout' }), now).status).toBe('soldout');
    expect(visitorStatus(null, state({ status: 'closed' }), now).status).toBe('closed');
  });

  it('asks a pre-queue registrant to rejoin once the draw ran', () => {
    const before = visitorStatus(null, state({ status: 'prequeue', startsAt: new Date(now + 120_000).toISOString() }), now);
    expect(before).toMatchObject({ status: 'prequeue', refreshAfterMs: 30_000 });
    expect(before.rejoin).toBeUndefined();
    expect(visitorStatus(null, state(), now)).toMatchObject({ status: 'prequeue', rejoin: true, refreshAfterMs: 1_000 });
  });
});

describe('refreshAfterMs', () => {
  it('polls rarely far from the front and every second near it', () => {
    expect(refreshAfterMs(0)).toBe(1_000);
    expect(refreshAfterMs(4)).toBe(1_000);
    expect(refreshAfterMs(40)).toBe(5_000);
    expect(refreshAfterMs(3_600)).toBe(30_000);
    expect(refreshAfterMs(null)).toBe(5_000);
  });
});
