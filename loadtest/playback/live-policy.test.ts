import { describe, expect, it } from 'vitest';
import type { MediaPlaylist } from './hls-playlist.js';
import { chooseVariant, nextSegment, playlistChanged, reloadDelayMs, startSequence } from './live-policy.js';

const live = (first: number, count = 6, targetDurationS = 2): MediaPlaylist => ({
  targetDurationS,
  mediaSequence: first,
  ended: false,
  segments: Array.from({ length: count }, (_, index) => ({ sequence: first + index, uri: `seg${(first + index) % 4}.ts`, durationS: targetDurationS })),
});

describe('the live policy of a simulated hls.js viewer', () => {
  it('reloads a target duration after a changed playlist, half of one after an unchanged one (RFC 8216 §6.3.4)', () => {
    expect(reloadDelayMs(2, true)).toBe(2_000);
    expect(reloadDelayMs(2, false)).toBe(1_000);
    expect(reloadDelayMs(6, false)).toBe(3_000);
    expect(playlistChanged(live(100), live(100))).toBe(false);
    expect(playlistChanged(live(100), live(101))).toBe(true);
    expect(playlistChanged(live(100, 6), live(100, 7))).toBe(true);
    expect(playlistChanged(live(100), { ...live(100), ended: true })).toBe(true);
  });

  it('starts three target durations behind the live edge, and a VOD at its start', () => {
    expect(startSequence(live(100))).toBe(103); // 12 s window, edge at 12, start at 6 → the 4th segment
    expect(startSequence(live(100, 2))).toBe(100); // a window shorter than 3 target durations: its start
    expect(startSequence({ ...live(100, 6, 4), segments: live(100, 6, 4).segments.map((segment) => ({ ...segment, durationS: 3.5 })) })).toBe(102);
    expect(startSequence({ ...live(100), ended: true })).toBe(100);
  });

  it('chooses the lowest, the highest, or the renditions in turn whatever order the playlist lists them', () => {
    const variants = [
      { uri: '360p/index.m3u8', bandwidth: 238_384 },
      { uri: '240p/index.m3u8', bandwidth: 175_216 },
      { uri: '720p/index.m3u8', bandwidth: 900_000 },
    ];
    expect(chooseVariant(variants, 'lowest', 7).uri).toBe('240p/index.m3u8');
    expect(chooseVariant(variants, 'highest', 7).uri).toBe('720p/index.m3u8');
    expect([0, 1, 2, 3, 4, 5].map((viewer) => chooseVariant(variants, 'mixed', viewer).uri.slice(0, 4))).toEqual(['240p', '360p', '720p', '240p', '360p', '720p']);
  });

  it('takes the next segment in order, waits for one not yet published, and jumps back to the live sync point when it fell out of the window', () => {
    expect(nextSegment(live(100), 104)).toEqual({ segment: live(100).segments[4], resynced: false });
    expect(nextSegment(live(100), 106)).toEqual({ segment: undefined, resynced: false });
    expect(nextSegment(live(110), 104)).toEqual({ segment: live(110).segments[3], resynced: true });
  });
});
