import { Hono, type Context } from 'hono';
import { AppError, visitorStatus, type QueueState } from '../../core/index.js';
import type { CachedRead } from '../cache/cached-origin-read.js';
import type { EdgeDeps } from '../deps.js';
import type { EdgeEnv } from '../env.js';
import { requireEventToken } from '../middleware/require-token.js';
import type { TokenVerifier } from '../tokens/verified-token-cache.js';
import { forward, fromCached } from './origin-proxy.js';

/**
 * The waiting room's hot paths, answered at the edge from one cached state document per event:
 * `state` (≤ 1 s old, one origin fetch per TTL), `status` (computed here from the token), and the
 * `admit` pre-check that turns early callers away before they reach the origin.
 */
export function queueShield(deps: EdgeDeps, read: CachedRead, verifier: TokenVerifier) {
  const ip = (c: Context) => deps.clientIp?.(c);

  const loadState = (eventId: string, requestId: string) => read(`/api/queue/${encodeURIComponent(eventId)}/state`, { requestId });

  /** Fails closed: without a state document nobody is let through. */
  const readState = async (eventId: string, requestId: string): Promise<QueueState> => {
    const cached = await loadState(eventId, requestId);
    if (cached.status === 404) throw new AppError('event_not_found');
    if (cached.status !== 200) throw new AppError('origin_unavailable', { headers: { 'retry-after': '2' } });
    return JSON.parse(cached.body) as QueueState;
  };

  return new Hono<EdgeEnv>()
    // No conditional GET here: the document changes every second, and reading request headers is a
    // measurable share of this path's cost on Node.
    .get('/:eventId/state', async (c) => fromCached(await loadState(c.req.param('eventId'), c.get('requestId'))))
    .get('/:eventId/status', requireEventToken(verifier, 'queue'), async (c) => {
      const claims = c.get('queueClaims');
      const state = await readState(claims.evt, c.get('requestId'));
      c.header('cache-control', 'no-store');
      return c.json(visitorStatus(claims.seq, state, deps.clock.now()));
    })
    .post('/:eventId/admit', requireEventToken(verifier, 'queue'), async (c) => {
      const claims = c.get('queueClaims');
      const state = await readState(claims.evt, c.get('requestId'));
      if (state.status === 'closed') throw new AppError('event_closed');
      if (state.status === 'soldout') throw new AppError('sold_out');
      // The pre-queue is being shuffled into places: not closed, just not ready yet.
      if (state.status === 'drawing') throw new AppError('not_ready', { headers: { 'retry-after': '1' }, extra: { servingSeq: state.servingSeq } });
      if (claims.seq === null || claims.seq > state.servingSeq) {
        throw new AppError('not_ready', { extra: { servingSeq: state.servingSeq } });
      }
      return forward(c, deps, ip(c));
    });
}
