import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { AppError, guardPath, observeRequests, problemResponse } from '../core/index.js';
import { createCachedRead } from './cache/cached-origin-read.js';
import { createResponseCache } from './cache/response-cache.js';
import type { EdgeDeps } from './deps.js';
import { consoleObserver } from './edge-observer.js';
import type { EdgeEnv } from './env.js';
import { documentHeaders } from './middleware/document-headers.js';
import { limitJoin } from './middleware/limit-join.js';
import { createRateLimiter, rateLimit } from './middleware/rate-limit.js';
import { requireEventToken } from './middleware/require-token.js';
import { createOnError, onNotFound } from './on-error.js';
import { apiDocs } from './routes/api-docs.js';
import { hlsRoutes } from './routes/hls-routes.js';
import { forward, fromCached } from './routes/origin-proxy.js';
import { queueShield } from './routes/queue-shield.js';
import { createTokenVerifier } from './tokens/verified-token-cache.js';
import { preloadLinkFor } from './middleware/preload-hints.js';

/**
 * The edge: Web APIs only, so the same app runs on Node, Lambda@Edge and Workers. It verifies
 * tokens with public keys, serves cacheable reads from its own cache, answers the queue's hot
 * paths itself, and forwards the rest to the origin.
 */
export function createEdgeApp(deps: EdgeDeps) {
  const app = new Hono<EdgeEnv>();
  const cache = createResponseCache(deps.clock);
  const verifier = createTokenVerifier(deps.jwks, deps.settings, deps.clock);
  const ip = (c: Context) => deps.clientIp?.(c);
  const proxy = (c: Context<EdgeEnv>) => forward(c, deps, ip(c));
  const read = createCachedRead(deps, cache);
  const cachedGet = async (c: Context<EdgeEnv>) => {
    const url = new URL(c.req.url);
    return fromCached(await read(url.pathname + url.search, { requestId: c.get('requestId') }), c.req.header('if-none-match'));
  };
  const observe = deps.observe ?? consoleObserver;
  const { rateLimits: enabled, guestPerMinute, joinPerMinute, joinPerIdentityPerMinute } = deps.settings;
  const limiter = (perMinute: number) => createRateLimiter({ clock: deps.clock, perMinute, enabled });
  const guestPerIp = limiter(guestPerMinute);
  const joinLimits = { guestPerIp, joinPerIp: limiter(joinPerMinute), joinPerIdentity: limiter(joinPerIdentityPerMinute), enabled, verifier, ip };

  app.onError(createOnError(observe));
  app.notFound(onNotFound);
  // First of all: every answer carries the request id, and every one is reported.
  app.use(observeRequests({ route: routePath, report: (line) => observe.request?.(line) }));
  // Before any route, limit or cache: a path no resource can have is 404 (core/api/path-guard.ts).
  app.use('/api/*', guardPath);
  app.use('/hls/*', guardPath);
  const limitBody = bodyLimit({
    maxSize: deps.settings.maxBodyBytes,
    onError: () => {
      throw new AppError('payload_too_large', { detail: `at most ${deps.settings.maxBodyBytes} bytes` });
    },
  });
  // Only requests that may carry a body: touching a GET's body makes @hono/node-server build a
  // full Request for every poll, which costs the hot paths most of their throughput.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/*', limitBody);

  app.get('/api/health', (c) => c.json({ status: 'ok', role: 'edge', cachedEntries: cache.size() }));
  app.route('/api', apiDocs());
  app.get('/api/catalog', cachedGet);
  app.get('/api/events/:eventId', cachedGet);
  app.get('/api/events/:eventId/fairness', cachedGet);
  app.get('/api/channels/:channelId', cachedGet);
  app.get('/api/replays', cachedGet);
  app.get('/api/replays/:replayId', cachedGet);
  app.get('/.well-known/jwks.json', cachedGet);
  app.route('/api/queue', queueShield(deps, read, verifier));
  app.post('/api/queue/:eventId/join', limitJoin(joinLimits), proxy);
  app.post('/api/auth/guest', rateLimit(guestPerIp, ip), proxy);
  app.post('/api/auth/login', rateLimit(limiter(deps.settings.loginPerMinute), ip), proxy);
  app.post('/api/events/:eventId/bookings', requireEventToken(verifier, 'access'), proxy);
  // Hearts, watch and QoE beacons, replay plays: one budget per address (the origin also limits hearts per viewer).
  const viewerWrites = rateLimit(limiter(deps.settings.viewerWritesPerMinute), ip);
  app.post('/api/channels/:channelId/hearts', viewerWrites, proxy);
  app.post('/api/channels/:channelId/watch', viewerWrites, proxy);
  app.post('/api/qoe', viewerWrites, proxy);
  app.post('/api/replays/:replayId/plays', viewerWrites, proxy);
  app.all('/api/*', proxy);
  app.route('/hls', hlsRoutes(deps, read));

  app.all('*', documentHeaders, async (c) => {
    if (!deps.assets || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return problemResponse(new AppError('not_found'));
    const response = await deps.assets(c.req.raw);
    const link = response.status === 200 && response.headers.get('content-type')?.startsWith('text/html') ? preloadLinkFor(c.req.path) : undefined;
    if (!link) return response;
    const withHint = new Response(response.body, response);
    withHint.headers.append('link', link);
    return withHint;
  });
  return app;
}
