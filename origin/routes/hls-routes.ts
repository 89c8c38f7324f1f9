import { Hono } from 'hono';
import type { SimulatedHls } from '../channels/simulated-hls.js';
import type { OriginDeps } from '../deps.js';

/**
 * HLS of the local stack's simulated live channels (IVS channels play from IVS directly):
 * `/:channelId/master.m3u8`, `/:channelId/:rendition/index.m3u8`, `/:channelId/:rendition/seg<N>.ts`.
 * Anything else is a 404 problem.
 */
export function hlsRoutes(deps: Pick<OriginDeps, 'clock'>, hls: SimulatedHls) {
  const serve = async (channelId: string, file: string) => {
    const found = await hls.read(channelId, file, deps.clock.now());
    return new Response(found.body, { status: 200, headers: { 'content-type': found.contentType } });
  };
  return new Hono()
    .get('/:channelId/:file', (c) => serve(c.req.param('channelId'), c.req.param('file')))
    .get('/:channelId/:rendition/:file', (c) => serve(c.req.param('channelId'), `${c.req.param('rendition')}/${c.req.param('file')}`));
}
