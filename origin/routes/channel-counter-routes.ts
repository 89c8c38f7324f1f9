import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { AppError, heartsRequestSchema, watchRequestSchema } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { presentsCredentials } from '../http/request-bearer.js';
import { requireIdentity } from '../http/require-identity.js';
import { validateJson } from '../http/validate-json.js';

/**
 * The client address the edge forwards: it sets `x-forwarded-for` to the address it saw, replacing
 * whatever the client sent (edge/routes/origin-proxy.ts). Kept only as a hash.
 */
function addressViewer(c: Context): string {
  const address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
  return `ip:${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`;
}

/** The signed-in viewer (a token sent must be valid), or undefined for an anonymous one. */
async function signedInViewer(deps: OriginDeps, c: Context<OriginEnv, string>): Promise<string | undefined> {
  if (!presentsCredentials(c)) return undefined;
  await requireIdentity(deps)(c, async () => undefined);
  return `u:${c.get('idClaims').sub}`;
}

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
      const viewer = (await signedInViewer(deps, c)) ?? (viewerId ? `a:${viewerId}` : addressViewer(c));
      await counters.seeViewer(channelId, viewer, deps.clock.now());
      c.header('cache-control', 'no-store');
      return c.body(null, 202);
    });
}
