import { dateRangeTag, isQuotable, segmentEntries } from '../channels/hls-playlists.js';
import type { SampleMedia } from '../channels/sample-media.js';
import type { PinRecord } from '../ledger/ledger.js';
import { clipPins } from './replay-timeline.js';

/** A replay of a simulated channel: which channel's loop, over which segment-aligned window. */
export interface SimulatedWindow {
  channelId: string;
  startedAt: string;
  endedAt: string;
}

/**
 * A show's window snapped outward to whole segments (the simulated clock's segment `n` is the
 * wall time [n, n + 1) × the segment duration), so the playlist plays exactly the replay's
 * window and a timeline offset is the same second in the player.
 */
export function snapToSegments(media: SampleMedia, startMs: number, endMs: number): { startMs: number; endMs: number } {
  const segmentMs = media.segmentSeconds * 1000;
  return { startMs: Math.floor(startMs / segmentMs) * segmentMs, endMs: Math.ceil(endMs / segmentMs) * segmentMs };
}

/**
 * A replay's VOD media playlist (RFC 8216 §4.3.3.5 `PLAYLIST-TYPE:VOD`, §4.3.3.4 `ENDLIST`): the
 * channel's looped segments over the window, with the live playlist's PROGRAM-DATE-TIME and
 * discontinuities, and each pin shown in the window as the live EXT-X-DATERANGE (same ID), its
 * dates clipped to the window. Segments are the live channel's files (`../../../<channel>/…`
 * from `/hls/replays/<id>/<rendition>/`), so the edge and CDN cache them once for both.
 */
export function replayMediaPlaylist(media: SampleMedia, replay: SimulatedWindow, rendition: string, pins: readonly PinRecord[]): string {
  const segmentMs = media.segmentSeconds * 1000;
  const fromMs = Date.parse(replay.startedAt);
  const first = Math.floor(fromMs / segmentMs);
  const count = Math.max(1, Math.ceil((Date.parse(replay.endedAt) - first * segmentMs) / segmentMs));
  const tags = new Map<number, string[]>();
  for (const { pin, startMs, endMs } of clipPins(pins, replay.startedAt, replay.endedAt)) {
    if (!isQuotable(pin)) continue;
    const offset = Math.min(count - 1, Math.max(0, Math.floor((startMs - first * segmentMs) / segmentMs)));
    tags.set(offset, [...(tags.get(offset) ?? []), dateRangeTag(pin, Date.parse(pin.pinnedAt), endMs, startMs)]);
  }
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(media.segmentSeconds)}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / media.segmentCount)}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...segmentEntries(media, first, count, tags, (index) => `../../../${replay.channelId}/${rendition}/seg${index}.ts`),
    '#EXT-X-ENDLIST',
  ];
  return `${lines.join('\n')}\n`;
}
