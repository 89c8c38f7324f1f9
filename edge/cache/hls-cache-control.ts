/**
 * Cache-Control for HLS (RFC 8216 §6.2.1): a live media playlist changes every target duration,
 * so it is cached at most half of one; a VOD or event-ended playlist never changes; segments are
 * immutable once published. The edge sets these so CloudFront caches HLS the same way.
 */
const SEGMENT = /\.(ts|m4s|mp4|m4a|aac|vtt|webvtt)$/i;

export const SEGMENT_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function isHlsSegment(path: string): boolean {
  return SEGMENT.test(path);
}

/**
 * A replay's playlists (`/hls/replays/…`, master and media) never change once it exists: a day in
 * browsers, a month at the CDN (a fix still reaches players within a day).
 */
export const REPLAY_PLAYLIST_CACHE_CONTROL = 'public, max-age=86400, s-maxage=2592000';

export const isReplayPlaylist = (path: string): boolean => path.startsWith('/hls/replays/') && path.endsWith('.m3u8');

export function playlistCacheControl(body: string, path = ''): string {
  if (isReplayPlaylist(path)) return REPLAY_PLAYLIST_CACHE_CONTROL;
  if (body.includes('#EXT-X-ENDLIST') || /#EXT-X-PLAYLIST-TYPE:\s*VOD/.test(body)) {
    return 'public, max-age=300, s-maxage=86400';
  }
  const target = /#EXT-X-TARGETDURATION:\s*(\d+)/.exec(body);
  if (!target) {
    // A multivariant playlist names renditions; it changes only when the channel is reconfigured.
    return body.includes('#EXT-X-STREAM-INF') ? 'public, max-age=10, s-maxage=30' : 'public, max-age=1, s-maxage=1';
  }
  const half = Math.max(1, Math.floor(Number(target[1]) / 2));
  return `public, max-age=${half}, s-maxage=${half}`;
}
