import { Hono } from 'hono';
import type { SimulatedHls } from '../channels/simulated-hls.js';
import type { OriginDeps } from '../deps.js';
import type { OriginMetrics } from '../metrics/origin-metrics.js';

const kindOf = (file: string) => (file === 'master.m3u8' ? 'master' : file.endsWith('.m3u8') ? 'playlist' : 'segment');

/**
 * HLS of the local stack's simulated live channels (IVS channels play from IVS directly):
 * `/:channelId/master.m3u8`, `/:channelId/:rendition/index.m3u8`, `/:channelId/:rendition/seg<N>.ts`.
 * Anything else is a 404 problem.
 */
export function hlsRoutes(deps: Pick<OriginDeps, 'clock'> & { metrics?: Pick<OriginMetrics, 'hlsRequests'> }, hls: SimulatedHls) {
  const serve = async (channelId: string, file: string) => {
    const found = await hls.read(channelId, file, deps.clock.now());
    const slash = file.indexOf('/');
    deps.metrics?.hlsRequests.inc({ channel: channelId, rendition: slash === -1 ? 'master' : file.slice(0, slash), kind: kindOf(file) });
    return new Response(found.body, { status: 200, headers: { 'content-type': found.contentType } });
  };
  return new Hono()
    .get('/:channelId/:file', (c) => serve(c.req.param('channelId'), c.req.param('file')))
    .get('/:channelId/:rendition/:file', (c) => serve(c.req.param('channelId'), `${c.req.param('rendition')}/${c.req.param('file')}`));
}
