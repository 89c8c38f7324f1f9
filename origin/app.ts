import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, guardPath } from '../core/index.js';
import { createBookingService } from './bookings/booking-service.js';
import type { OriginDeps } from './deps.js';
import { createEventService } from './events/event-service.js';
import type { OriginEnv } from './http/env.js';
import { onError, onNotFound } from './http/on-error.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { bookingRoutes } from './routes/booking-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { hlsRoutes } from './routes/hls-routes.js';
import { appMetrics, countAnswers } from './metrics/app-metrics.js';
import { queueRoutes } from './routes/queue-routes.js';
import { readiness } from './routes/readiness.js';

/** The origin: owns every write. Runtime-neutral; entries (`main.ts`, Lambda) only build deps. */
export function createOriginApp(deps: OriginDeps) {
  const events = createEventService(deps);
  const bookings = createBookingService(deps, events);
  const app = new Hono<OriginEnv>();

  app.onError(onError);
  app.notFound(onNotFound);
  app.use('/api/*', guardPath);
  app.use('/hls/*', guardPath);
  app.use(countAnswers(deps.metrics ?? appMetrics));
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
  app.get('/.well-known/jwks.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(deps.tokens.jwks());
  });
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/queue', queueRoutes(deps, events));
  app.route('/api/admin', adminRoutes(deps, events));
  app.route('/api', bookingRoutes(deps, bookings));
  app.route('/api', eventRoutes(deps, events));
  if (deps.hls) app.route('/hls', hlsRoutes(deps, deps.hls));
  return { app, events, bookings };
}
