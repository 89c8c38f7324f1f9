import { Hono } from 'hono';
import { AppError } from '../../core/index.js';
import type { CachedRead } from '../cache/cached-origin-read.js';
import { isHlsSegment, SEGMENT_CACHE_CONTROL } from '../cache/hls-cache-control.js';
import type { EdgeDeps } from '../deps.js';
import type { EdgeEnv } from '../env.js';
import { createPlaybackGate } from '../tokens/playback-gate.js';
import { fromCached, originGet } from './origin-proxy.js';

/**
 * Live and VOD playback for local channels: playlists through the edge cache with HLS-aware TTLs,
 * segments relayed with year-long immutable caching (left to the CDN: they are too big for ours).
 */
export function hlsRoutes(deps: EdgeDeps, read: CachedRead) {
  const checkPlayback = createPlaybackGate(read, deps.clock);
  return new Hono<EdgeEnv>().get('/*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.includes('..')) throw new AppError('not_found');
    if (isHlsSegment(path)) {
      const response = await originGet(deps.origin, path, c.get('requestId'));
      if (response.status === 200) response.headers.set('cache-control', SEGMENT_CACHE_CONTROL);
      return response;
    }
    if (!path.endsWith('.m3u8')) throw new AppError('not_found');
    // A private channel's master playlist: only with a playback token, and kept by no shared cache.
    const gated = await checkPlayback(path, c.req.query('token'), c.get('requestId'));
    const response = fromCached(await read(path, { kind: 'hls-playlist', requestId: c.get('requestId') }), c.req.header('if-none-match'));
    if (gated) response.headers.set('cache-control', 'private, no-store');
    return response;
  });
}
