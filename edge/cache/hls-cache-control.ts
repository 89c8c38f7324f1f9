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

export function playlistCacheControl(body: string): string {
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
