import { describe, expect, it } from 'vitest';
import { createPlaybackBuffer } from './playback-buffer.js';

describe('the playback buffer on the wall clock', () => {
  it('counts startup from the play intent to the first segment buffered, and no stall before it', () => {
    const buffer = createPlaybackBuffer(1_000);
    expect(buffer.figures(1_500)).toMatchObject({ startupMs: undefined, playMs: 0, stallMs: 0, stalls: 0 });
    buffer.append(2_000, 1_800);
    expect(buffer.figures(1_800)).toMatchObject({ startupMs: 800, playMs: 0, stallMs: 0, bufferedMs: 2_000 });
    expect(buffer.figures(2_800)).toMatchObject({ playMs: 1_000, stallMs: 0, bufferedMs: 1_000 });
  });

  it('starts a stall the moment the buffer runs dry, ends it at the next segment, and counts each one once', () => {
    const buffer = createPlaybackBuffer(0);
    buffer.append(2_000, 100); // plays 100 → 2,100
    buffer.append(2_000, 1_100); // buffered until 4,100
    // Nothing until 5,000: dry at 4,100, so 900 ms of stall, not 0 or 2,900.
    buffer.append(2_000, 5_000);
    expect(buffer.figures(5_000)).toMatchObject({ playMs: 4_000, stallMs: 900, stalls: 1, bufferedMs: 2_000 });
    expect(buffer.isStalled()).toBe(false);
    // Dry again at 7,000; looked at twice while stalled: still one stall, time keeps adding up.
    expect(buffer.figures(7_500)).toMatchObject({ playMs: 6_000, stallMs: 1_400, stalls: 2 });
    expect(buffer.isStalled()).toBe(true);
    expect(buffer.figures(8_000)).toMatchObject({ playMs: 6_000, stallMs: 1_900, stalls: 2 });
    buffer.append(2_000, 8_000);
    const { playMs, stallMs } = buffer.figures(9_000);
    expect({ playMs, stallMs }).toEqual({ playMs: 7_000, stallMs: 1_900 });
    // Rebuffer ratio = Σ stall / (play + stall): the wall time since startup, split.
    expect(stallMs / (playMs + stallMs)).toBeCloseTo(1_900 / 8_900, 10);
    expect(playMs + stallMs).toBe(9_000 - 100);
  });

  it('never stalls while segments arrive faster than they play', () => {
    const buffer = createPlaybackBuffer(0);
    for (let at = 50; at < 60_000; at += 2_000) buffer.append(2_000, at);
    expect(buffer.figures(60_000)).toMatchObject({ stalls: 0, stallMs: 0, playMs: 60_000 - 50 });
  });

  it('ignores a time source that steps back', () => {
    const buffer = createPlaybackBuffer(0);
    buffer.append(1_000, 500);
    expect(buffer.figures(400)).toMatchObject({ playMs: 0, stallMs: 0 });
    expect(buffer.figures(2_000)).toMatchObject({ playMs: 1_000, stallMs: 500, stalls: 1 });
  });
});
