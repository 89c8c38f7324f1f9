import { Hono } from 'hono';
import { playRequestSchema, replayListQuerySchema } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { beaconViewer } from '../http/request-viewer.js';
import { validateJson, validateQuery } from '../http/validate-json.js';
import type { ReplayService } from '../replays/replay-service.js';
import { readReplayPlaylist } from '../replays/simulated-replays.js';

/**
 * Replays: the list (newest first, or the chart with `?sort=plays`) cached 30 s at the CDN as the
 * catalog is, one replay with its timeline 60 s (its plays change; its window and pins do not),
 * and play counts (never cached).
 */
export function replayRoutes(deps: OriginDeps, replays: ReplayService) {
  return new Hono<OriginEnv>()
    .get('/replays', validateQuery(replayListQuerySchema), async (c) => {
      const body = await replays.list(c.req.valid('query'));
      c.header('cache-control', 'public, max-age=5, s-maxage=30, stale-while-revalidate=60, stale-if-error=300');
      return c.json(body);
    })
    .get('/replays/:replayId', async (c) => {
      const body = await replays.get(c.req.param('replayId'));
      c.header('cache-control', 'public, max-age=10, s-maxage=60, stale-if-error=300');
      return c.json(body);
    })
    .post('/replays/:replayId/plays', validateJson(playRequestSchema), async (c) => {
      const viewer = await beaconViewer(deps, c, c.req.valid('json').viewerId);
      await replays.countPlay(c.req.param('replayId'), viewer);
      c.header('cache-control', 'no-store');
      return c.body(null, 202);
    });
}

/**
 * The local stack's replay playlists, `/hls/replays/:replayId/master.m3u8` and
 * `/hls/replays/:replayId/:rendition/index.m3u8`; their segments are the live channel's files.
 */
export function replayHlsRoutes(replays: ReplayService) {
  const serve = async (replayId: string, file: string) => {
    const found = await readReplayPlaylist(replays, replayId, file);
    return new Response(found.body, { status: 200, headers: { 'content-type': found.contentType } });
  };
  return new Hono()
    .get('/:replayId/:file', (c) => serve(c.req.param('replayId'), c.req.param('file')))
    .get('/:replayId/:rendition/:file', (c) => serve(c.req.param('replayId'), `${c.req.param('rendition')}/${c.req.param('file')}`));
}
