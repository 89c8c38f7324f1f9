import { describe, expect, it } from 'vitest';
import type { PinRecord } from '../ledger/ledger.js';
import { replayTimeline } from './replay-timeline.js';

const START = '2026-12-05T10:00:00.000Z';
const END = '2026-12-05T10:30:00.000Z';
const at = (minutes: number, seconds = 0) => new Date(Date.parse(START) + minutes * 60_000 + seconds * 1000).toISOString();
const pin = (itemId: string, pinnedAt: string, unpinnedAt?: string): PinRecord => ({ eventId: 'drop', itemId, pinnedAt, ...(unpinnedAt && { unpinnedAt }) });

describe('a replay timeline from the pin history', () => {
  it('keeps the pins on screen in the window, in pin order, with offsets from the start', () => {
    const history = [
      pin('before-gone', at(-20), at(-5)),
      pin('off-at-start', at(-10), START),
      pin('carried-in', at(-3), at(4)),
      pin('first', at(0)),
      pin('mid', at(12, 30), at(20)),
      pin('last-moment', at(29, 59)),
      pin('at-end', END),
      pin('after', at(31)),
    ];
    expect(replayTimeline(history, START, END)).toEqual([
      { eventId: 'drop', itemId: 'carried-in', offsetSeconds: 0, pinnedAt: at(-3), unpinnedAt: at(4) },
      { eventId: 'drop', itemId: 'first', offsetSeconds: 0, pinnedAt: at(0) },
      { eventId: 'drop', itemId: 'mid', offsetSeconds: 750, pinnedAt: at(12, 30), unpinnedAt: at(20) },
      { eventId: 'drop', itemId: 'last-moment', offsetSeconds: 1799, pinnedAt: at(29, 59) },
    ]);
  });

  it('is empty for a window with nothing pinned', () => {
    expect(replayTimeline([pin('later', at(40))], START, END)).toEqual([]);
  });
});
