import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { AppError, guardPath, isWellFormedKid, observeRequests } from '../core/index.js';
import { createBookingService } from './bookings/booking-service.js';
import type { OriginDeps } from './deps.js';
import { createEventService } from './events/event-service.js';
import type { OriginEnv } from './http/env.js';
import { createOnError, onNotFound } from './http/on-error.js';
import { log } from './logging/log.js';
import { countAnswers } from './metrics/count-answers.js';
import { originMetrics } from './metrics/origin-metrics.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { bookingRoutes } from './routes/booking-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { hlsRoutes } from './routes/hls-routes.js';
import { channelCounterRoutes } from './routes/channel-counter-routes.js';
import { playbackRoutes } from './routes/playback-routes.js';
import { qoeRoutes } from './routes/qoe-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import { replayHlsRoutes, replayRoutes } from './routes/replay-routes.js';
import { createMemoryReplayPlays } from './replays/memory-replay-plays.js';
import { createReplayService } from './replays/replay-service.js';
import { readiness } from './routes/readiness.js';

/** The origin: owns every write. Runtime-neutral; entries (`main.ts`, Lambda) only build deps. */
export function createOriginApp(deps: OriginDeps) {
  const events = createEventService(deps);
  const bookings = createBookingService(deps, events);
  const replays = createReplayService({
    ledger: deps.ledger,
    clock: deps.clock,
    channels: deps.channels,
    plays: deps.replayPlays ?? createMemoryReplayPlays(),
    ...(deps.hls && { media: deps.hls.media }),
  });
  const app = new Hono<OriginEnv>();
  const metrics = deps.metrics ?? originMetrics;
  // Request lines hold only what observeRequests puts there (a checked id, method, route pattern,
  // status, ms): no secret to censor, and the wildcard redaction costs ~35 µs a line.
  const requestLog = deps.log?.child({}, { redact: [] });

  app.onError(createOnError(deps.log ?? log));
  app.notFound(onNotFound);
  // First, so every answer (a 404 of the path guard too) carries the id and is counted.
  app.use(
    observeRequests({
      route: routePath,
      report: (line) => {
        metrics.request(line);
        requestLog?.info(line, 'request');
      },
    }),
  );
  app.use('/api/*', guardPath);
  app.use('/hls/*', guardPath);
  app.use(countAnswers(metrics));
  app.use(
    bodyLimit({
      maxSize: deps.settings.maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', { detail: `at most ${deps.settings.maxBodyBytes} bytes` });
      },
    }),
  );

  app.get('/api/health', (c) => c.json({ status: 'ok', role: 'origin', time: new Date(deps.clock.now()).toISOString() }));
  app.get('/api/ready', readiness(deps));
  app.get('/.well-known/jwks.json', async (c) => {
    // An edge that met a kid it does not know names it: look for keys another instance added.
    const kid = c.req.query('kid');
    if (kid && isWellFormedKid(kid) && !deps.tokens.jwks().keys.some((key) => key.kid === kid)) {
      await deps.signingKeys?.follow().catch(() => undefined);
    }
    c.header('cache-control', 'public, max-age=300');
    return c.json(deps.tokens.jwks());
  });
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/queue', queueRoutes(deps, events));
  app.route('/api/admin', adminRoutes(deps, events, replays));
  app.route('/api', bookingRoutes(deps, bookings));
  app.route('/api', eventRoutes(deps, events));
  app.route('/api', channelCounterRoutes(deps));
  if (deps.qoe) app.route('/api', qoeRoutes(deps, deps.qoe));
  app.route('/api', replayRoutes(deps, replays));
  if (deps.playback) {
    const playback = deps.playback;
    app.route('/api', playbackRoutes(deps, playback));
    // The public half of the playback key pair: the edge checks simulated private channels' tokens with it.
    app.get('/.well-known/playback-key.json', async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return c.json(await playback.publicJwk());
    });
  }
  if (deps.hls) {
    // Before the channels' routes: `/hls/replays/<id>/master.m3u8` has the shape of a channel's file.
    app.route('/hls/replays', replayHlsRoutes(replays));
    app.route('/hls', hlsRoutes({ clock: deps.clock, metrics }, deps.hls));
  }
  return { app, events, bookings, replays };
}
