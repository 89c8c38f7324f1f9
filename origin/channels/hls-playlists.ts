import { idSchema } from '../../core/index.js';
import type { SampleMedia } from './sample-media.js';

/** A pin as a playlist shows it; `unpinnedAt` (ISO 8601) once it was taken off. */
export interface StreamPin {
  eventId: string;
  itemId: string;
  pinnedAt: string;
  unpinnedAt?: string;
}

/** The DATERANGE class of a pin (RFC 8216 §4.3.2.7: a reverse-DNS name the client understands). */
export const PIN_DATERANGE_CLASS = 'com.banjjak.pin';

/** Where a rendition's live media playlist sits, relative to the master playlist. */
export const mediaPlaylistPath = (rendition: string) => `${rendition}/index.m3u8`;

/** The multivariant playlist (RFC 8216 §4.3.4.2): one variant per rendition, lowest first. */
export function masterPlaylist(media: SampleMedia): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const rendition of [...media.renditions].sort((a, b) => a.bandwidth - b.bandwidth)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},AVERAGE-BANDWIDTH=${rendition.averageBandwidth},` +
        `RESOLUTION=${rendition.width}x${rendition.height},FRAME-RATE=${media.frameRate.toFixed(3)},CODECS="${rendition.codecs}"`,
      mediaPlaylistPath(rendition.name),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The first sequence number of the live window at `now`. Segment `n` is the wall time
 * [n, n + 1) × the segment duration and is listed once that time has passed, as a live packager
 * publishes a segment once it is complete: the window is the last `windowSize` complete segments.
 */
export function windowStart(media: SampleMedia, windowSize: number, now: number): number {
  return Math.floor(now / (media.segmentSeconds * 1000)) - windowSize;
}

/**
 * A live media playlist: the sample segments looped on the wall clock, so every origin instance
 * computes the same playlist at the same time. Every segment carries its PROGRAM-DATE-TIME (its
 * wall-clock start), a loop back to `seg0` is a discontinuity (timestamps restart), and each pin
 * seen in the window is an EXT-X-DATERANGE (RFC 8216 §4.3.2.7) before the segment it starts in.
 */
export function mediaPlaylist(media: SampleMedia, windowSize: number, now: number, pins: readonly StreamPin[]): string {
  const segmentMs = media.segmentSeconds * 1000;
  const first = windowStart(media, windowSize, now);
  const tagsBySegment = pinTags(pins, first * segmentMs, segmentMs, windowSize);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(media.segmentSeconds)}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / media.segmentCount)}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  lines.push(...segmentEntries(media, first, windowSize, tagsBySegment));
  return `${lines.join('\n')}\n`;
}

/**
 * The lines of `count` looped sample segments from sequence `first`: each with its
 * PROGRAM-DATE-TIME (its wall-clock start), a discontinuity where the loop starts again, and the
 * tags of `tagsBySegment` (by offset from `first`) before it. `uri` names the file of loop index N.
 */
export function segmentEntries(
  media: SampleMedia,
  first: number,
  count: number,
  tagsBySegment: ReadonlyMap<number, readonly string[]>,
  uri: (index: number) => string = (index) => `seg${index}.ts`,
): string[] {
  const segmentMs = media.segmentSeconds * 1000;
  const lines: string[] = [];
  for (let offset = 0; offset < count; offset += 1) {
    const sequence = first + offset;
    const index = sequence % media.segmentCount;
    if (index === 0 && offset > 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(
      ...(tagsBySegment.get(offset) ?? []),
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(sequence * segmentMs).toISOString()}`,
      `#EXTINF:${media.segmentSeconds.toFixed(3)},`,
      uri(index),
    );
  }
  return lines;
}

/**
 * DATERANGE tags of the pins a window from `fromMs` shows, by the window offset of the segment
 * they start in: a pin made before the window and still featured opens it, so the current set is
 * in every window; one made after the last complete segment goes before that segment, so it is in
 * the playlist at once (players place it by its START-DATE); one taken off before the window is left out.
 */
function pinTags(pins: readonly StreamPin[], fromMs: number, segmentMs: number, windowSize: number): Map<number, string[]> {
  const tags = new Map<number, string[]>();
  for (const pin of pins) {
    const pinnedMs = Date.parse(pin.pinnedAt);
    const unpinnedMs = pin.unpinnedAt === undefined ? undefined : Date.parse(pin.unpinnedAt);
    if (!isQuotable(pin) || !Number.isFinite(pinnedMs)) continue;
    if (unpinnedMs !== undefined && !(unpinnedMs >= fromMs)) continue;
    const offset = Math.min(windowSize - 1, Math.max(0, Math.floor((pinnedMs - fromMs) / segmentMs)));
    tags.set(offset, [...(tags.get(offset) ?? []), dateRangeTag(pin, pinnedMs, unpinnedMs)]);
  }
  return tags;
}

/**
 * One pin as an EXT-X-DATERANGE. The ID names the pin itself (its time, drop and item), so a pin
 * keeps the same ID and START-DATE in every playlist, and END-DATE is added once it is taken off.
 * A replay clips the dates to its window (`startMs`, and `unpinnedMs` at its end); the ID stays the pin's.
 */
export function dateRangeTag(pin: StreamPin, pinnedMs: number, unpinnedMs?: number, startMs = pinnedMs): string {
  const attributes = [
    `ID="pin:${pinnedMs}:${pin.eventId}:${pin.itemId}"`,
    `CLASS="${PIN_DATERANGE_CLASS}"`,
    `START-DATE="${new Date(startMs).toISOString()}"`,
    ...(unpinnedMs === undefined ? [] : [`END-DATE="${new Date(Math.max(startMs, unpinnedMs)).toISOString()}"`]),
    `X-EVENT-ID="${pin.eventId}"`,
    `X-ITEM-ID="${pin.itemId}"`,
  ];
  return `#EXT-X-DATERANGE:${attributes.join(',')}`;
}

/** A quoted-string may hold no `"`, CR or LF (RFC 8216 §4.2); ids hold none of them. */
export function isQuotable(pin: StreamPin): boolean {
  return idSchema.safeParse(pin.eventId).success && idSchema.safeParse(pin.itemId).success;
}
