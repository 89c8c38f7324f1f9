import { describe, expect, it } from 'vitest';
import type { Replay } from '../../../core/index.js';
import { productsAt } from './replay-timeline.js';

const replay: Replay = {
  id: 'r1',
  channelId: 'ch',
  title: 'Show',
  startedAt: '2026-12-05T10:00:00.000Z',
  endedAt: '2026-12-05T10:10:00.000Z',
  durationSeconds: 600,
  playbackUrl: '/hls/replays/r1/master.m3u8',
  plays: 0,
  timeline: [
    { eventId: 'deal', itemId: 'serum', offsetSeconds: 0, pinnedAt: '2026-12-05T09:58:00.000Z', unpinnedAt: '2026-12-05T10:02:00.000Z' },
    { eventId: 'deal', itemId: 'mask', offsetSeconds: 120, pinnedAt: '2026-12-05T10:02:00.000Z' },
    { eventId: 'deal', itemId: 'cushion', offsetSeconds: 300, pinnedAt: '2026-12-05T10:05:00.000Z', unpinnedAt: '2026-12-05T10:06:00.000Z' },
  ],
};

describe('the products on screen in a replay', () => {
  it('follows the timeline: pinned from its offset until it was taken off', () => {
    expect(productsAt(replay, 0).map((pin) => pin.itemId)).toEqual(['serum']);
    expect(productsAt(replay, 119.9).map((pin) => pin.itemId)).toEqual(['serum']);
    expect(productsAt(replay, 120).map((pin) => pin.itemId)).toEqual(['mask']);
    expect(productsAt(replay, 330).map((pin) => pin.itemId)).toEqual(['mask', 'cushion']);
    expect(productsAt(replay, 360).map((pin) => pin.itemId)).toEqual(['mask']);
  });
});
