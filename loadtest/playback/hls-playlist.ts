/**
 * The little of HLS (RFC 8216) a simulated viewer reads: the variants of a multivariant playlist
 * (§4.3.4.2) and the segments of a media playlist (§4.3.3), enough to play a live window as
 * hls.js does. Tags it does not need (DATERANGE, PROGRAM-DATE-TIME, DISCONTINUITY) are skipped.
 */

export class PlaylistError extends Error {
  override name = 'PlaylistError';
}

export interface Variant {
  /** As written in the playlist (usually relative to it). */
  uri: string;
  /** Peak bits per second (`BANDWIDTH`). */
  bandwidth: number;
  resolution?: string;
}

export interface MediaSegment {
  sequence: number;
  uri: string;
  durationS: number;
}

export interface MediaPlaylist {
  targetDurationS: number;
  mediaSequence: number;
  segments: MediaSegment[];
  /** `EXT-X-ENDLIST`: nothing will be added (VOD, or a live event that ended). */
  ended: boolean;
}

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');

function header(text: string): string[] {
  const all = lines(text);
  if (all[0] !== '#EXTM3U') throw new PlaylistError('not a playlist: the first line is not #EXTM3U');
  return all.slice(1);
}

const attribute = (list: string, name: string) => new RegExp(`(?:^|,)${name}=("[^"]*"|[^,]*)`).exec(list)?.[1]?.replace(/^"|"$/g, '');

export function parseMasterPlaylist(text: string): Variant[] {
  const all = header(text);
  const variants: Variant[] = [];
  all.forEach((line, index) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const attributes = line.slice('#EXT-X-STREAM-INF:'.length);
    const uri = all[index + 1];
    const bandwidth = Number(attribute(attributes, 'BANDWIDTH'));
    if (uri === undefined || uri.startsWith('#') || !Number.isFinite(bandwidth)) throw new PlaylistError(`variant ${variants.length + 1} has no URI or BANDWIDTH`);
    const resolution = attribute(attributes, 'RESOLUTION');
    variants.push({ uri, bandwidth, ...(resolution !== undefined && { resolution }) });
  });
  if (variants.length === 0) throw new PlaylistError('a multivariant playlist without EXT-X-STREAM-INF');
  return variants;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  let targetDurationS: number | undefined;
  let mediaSequence = 0;
  let ended = false;
  let pendingDuration: number | undefined;
  const segments: MediaSegment[] = [];
  for (const line of header(text)) {
    if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDurationS = Number(line.slice('#EXT-X-TARGETDURATION:'.length));
    else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) mediaSequence = Number(line.slice('#EXT-X-MEDIA-SEQUENCE:'.length));
    else if (line.startsWith('#EXTINF:')) pendingDuration = Number(line.slice('#EXTINF:'.length).split(',')[0]);
    else if (line === '#EXT-X-ENDLIST') ended = true;
    else if (!line.startsWith('#')) {
      if (pendingDuration === undefined || !Number.isFinite(pendingDuration)) throw new PlaylistError(`segment ${line} has no EXTINF duration`);
      segments.push({ sequence: mediaSequence + segments.length, uri: line, durationS: pendingDuration });
      pendingDuration = undefined;
    }
  }
  if (targetDurationS === undefined || !(targetDurationS > 0)) throw new PlaylistError('a media playlist without EXT-X-TARGETDURATION');
  if (!Number.isInteger(mediaSequence) || mediaSequence < 0) throw new PlaylistError('a bad EXT-X-MEDIA-SEQUENCE');
  return { targetDurationS, mediaSequence, segments, ended };
}

/** A URI of a playlist resolved against the path it was fetched from, as a path on the same origin (undefined for another origin). */
export function resolvePath(playlistPath: string, uri: string): string | undefined {
  const base = new URL(playlistPath, 'http://target.invalid');
  const resolved = new URL(uri, base);
  if (resolved.origin !== base.origin) return undefined;
  return resolved.pathname + resolved.search;
}
