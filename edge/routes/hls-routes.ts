import { Hono } from 'hono';
import { AppError } from '../../core/index.js';
import { isHlsSegment, playlistCacheControl, SEGMENT_CACHE_CONTROL } from '../cache/hls-cache-control.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { EdgeDeps } from '../deps.js';
import { fromCached, originGet, toCached } from './origin-proxy.js';

/**
 * Live and VOD playback for local channels: playlists through the edge cache with HLS-aware TTLs,
 * segments relayed with year-long immutable caching (left to the CDN: they are too big for ours).
 */
export function hlsRoutes(deps: EdgeDeps, cache: ResponseCache) {
  return new Hono().get('/*', async (c) => {
    const url = new URL(c.req.url);
    const path = url.pathname;
    if (path.includes('..')) throw new AppError('not_found');
    if (isHlsSegment(path)) {
      const response = await originGet(deps.origin, path);
      if (response.status === 200) response.headers.set('cache-control', SEGMENT_CACHE_CONTROL);
      return response;
    }
    if (!path.endsWith('.m3u8')) throw new AppError('not_found');
    const cached = await cache.get(path, async () => {
      const entry = await toCached(await originGet(deps.origin, path));
      if (entry.status === 200) entry.headers['cache-control'] = playlistCacheControl(entry.body);
      return entry;
    });
    return fromCached(cached, c.req.header('if-none-match'));
  });
}
