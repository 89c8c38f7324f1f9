import { Hono, type Context } from 'hono';
import { AppError, heartsRequestSchema, watchRequestSchema } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { addressViewer, beaconViewer, signedInViewer } from '../http/request-viewer.js';
import { validateJson } from '../http/validate-json.js';

function channelOf(deps: OriginDeps, c: Context): string {
  const channel = deps.channels.config(c.req.param('channelId') ?? '');
  if (!channel) throw new AppError('channel_not_found');
  return channel.id;
}

/** Viewers' hearts and playback beacons: counted, never cached, nothing kept but the counts. */
export function channelCounterRoutes(deps: OriginDeps) {
  const { counters } = deps.channels;
  return new Hono<OriginEnv>()
    .post('/channels/:channelId/hearts', validateJson(heartsRequestSchema), async (c) => {
      const channelId = channelOf(deps, c);
      const viewer = (await signedInViewer(deps, c)) ?? addressViewer(c);
      const result = await counters.addHearts(channelId, viewer, c.req.valid('json').count, deps.clock.now());
      if (result.kind === 'rate_limited') {
        const seconds = String(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
        throw new AppError('rate_limited', { detail: 'one batch of hearts per 2 s', headers: { 'retry-after': seconds } });
      }
      c.header('cache-control', 'no-store');
      return c.body(null, 202);
    })
    .post('/channels/:channelId/watch', validateJson(watchRequestSchema), async (c) => {
      const channelId = channelOf(deps, c);
      const { viewerId } = c.req.valid('json');
      const viewer = await beaconViewer(deps, c, viewerId);
      await counters.seeViewer(channelId, viewer, deps.clock.now());
      c.header('cache-control', 'no-store');
      return c.body(null, 202);
    });
}
