import { Hono } from 'hono';
import { AppError } from '../../core/index.js';
import type { createSimulatedHls } from '../channels/simulated-hls.js';
import type { OriginDeps } from '../deps.js';

/** HLS of the local stack's simulated live channels (IVS channels play from IVS directly). */
export function hlsRoutes(deps: OriginDeps, hls: ReturnType<typeof createSimulatedHls>) {
  return new Hono().get('/:channelId/:file', async (c) => {
    const channel = await deps.channels.get(c.req.param('channelId'));
    if (!channel || channel.status !== 'live') throw new AppError('channel_not_found');
    const file = await hls.read(c.req.param('file'), deps.clock.now());
    if (!file) throw new AppError('not_found');
    const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
    return c.body(body, 200, { 'content-type': file.contentType });
  });
}
