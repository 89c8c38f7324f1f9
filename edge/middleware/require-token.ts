import { createMiddleware } from 'hono/factory';
import { assertEvent, readBearer } from '../../core/index.js';
import type { EdgeEnv } from '../env.js';
import type { TokenVerifier } from '../tokens/verified-token-cache.js';

/**
 * Verifies a queue or access token for the `:eventId` of the route, at the edge, so forged,
 * expired or other-event tokens never reach the origin.
 */
export function requireEventToken(verifier: TokenVerifier, kind: 'queue' | 'access') {
  return createMiddleware<EdgeEnv>(async (c, next) => {
    const token = readBearer(c.req.header('authorization'));
    const eventId = c.req.param('eventId') ?? '';
    if (kind === 'queue') {
      const claims = await verifier.verify('queue', token);
      assertEvent(claims, eventId);
      c.set('queueClaims', claims);
    } else {
      const claims = await verifier.verify('access', token);
      assertEvent(claims, eventId);
      c.set('accessClaims', claims);
    }
    await next();
  });
}
