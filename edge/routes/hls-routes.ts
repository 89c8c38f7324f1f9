import { Hono } from 'hono';
import { AppError } from '../../core/index.js';
import type { CachedRead } from '../cache/cached-origin-read.js';
import { createCachedSegmentRead } from '../cache/cached-segment-read.js';
import { isHlsSegment } from '../cache/hls-cache-control.js';
import type { EdgeDeps } from '../deps.js';
import type { EdgeEnv } from '../env.js';
import { createPlaybackGate } from '../tokens/playback-gate.js';
import { fromCached } from './origin-proxy.js';

/**
 * Live and VOD playback for local channels: playlists through the edge cache with HLS-aware TTLs
 * (a live one half a target duration), segments through a byte-bounded cache of their own with
 * year-long immutable caching. Both fill with one origin fetch per key however many viewers ask at
 * once, so a crowd on one channel costs the origin about one playlist per rendition per second
 * plus each new segment once.
 */
export function hlsRoutes(deps: EdgeDeps, read: CachedRead) {
  const checkPlayback = createPlaybackGate(read, deps.clock);
  const readSegment = createCachedSegmentRead(deps);
  return new Hono<EdgeEnv>().get('/*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.includes('..')) throw new AppError('not_found');
    if (isHlsSegment(path)) {
      const segment = await readSegment(path, c.get('requestId'));
      return new Response(segment.body, { status: segment.status, headers: segment.headers });
    }
    if (!path.endsWith('.m3u8')) throw new AppError('not_found');
    // A private channel's master playlist: only with a playback token, and kept by no shared cache.
    const gated = await checkPlayback(path, c.req.query('token'), c.get('requestId'));
    const response = fromCached(await read(path, { kind: 'hls-playlist', requestId: c.get('requestId') }), c.req.header('if-none-match'));
    if (gated) response.headers.set('cache-control', 'private, no-store');
    return response;
  });
}
