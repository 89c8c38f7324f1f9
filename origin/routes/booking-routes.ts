import { Hono } from 'hono';
import { AppError, assertEvent, bookingRequestSchema, idempotencyKeySchema, idSchema } from '../../core/index.js';
import type { createBookingService } from '../bookings/booking-service.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { requireIdentity } from '../http/require-identity.js';
import { requireToken } from '../http/require-token.js';
import { validateJson } from '../http/validate-json.js';

type BookingService = ReturnType<typeof createBookingService>;

export function bookingRoutes(deps: OriginDeps, bookings: BookingService) {
  return new Hono<OriginEnv>()
    .post('/events/:eventId/bookings', requireToken(deps.tokens, 'access'), validateJson(bookingRequestSchema), async (c) => {
      const claims = c.get('accessClaims');
      assertEvent(claims, c.req.param('eventId'));
      const key = c.req.header('idempotency-key');
      if (key === undefined) throw new AppError('missing_idempotency_key');
      if (!idempotencyKeySchema.safeParse(key).success) {
        throw new AppError('validation_failed', { detail: 'Idempotency-Key: 8-128 characters of [A-Za-z0-9_.:-]' });
      }
      const { booking, replayed } = await bookings.book({ ...c.req.valid('json'), eventId: claims.evt, userId: claims.sub, idempotencyKey: key, requestId: c.get('requestId') });
      c.header('cache-control', 'no-store');
      return c.json({ booking }, replayed ? 200 : 201);
    })
    .get('/me/bookings', requireIdentity(deps), async (c) => {
      c.header('cache-control', 'private, no-store');
      return c.json({ bookings: await bookings.listMine(c.get('idClaims').sub) });
    })
    .delete('/bookings/:bookingId', requireIdentity(deps), async (c) => {
      const bookingId = c.req.param('bookingId');
      if (!idSchema.safeParse(bookingId).success) throw new AppError('booking_not_found');
      const booking = await bookings.cancel(bookingId, c.get('idClaims').sub);
      c.header('cache-control', 'no-store');
      return c.json({ booking });
    });
}
