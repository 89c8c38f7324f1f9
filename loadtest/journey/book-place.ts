import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import type { BookingResponse, EventView, ItemView } from '../../core/index.js';
import type { LoadResponse } from '../client/load-client.js';
import { isTransient, requestWithRetry } from '../client/request-with-retry.js';
import { shapes } from '../client/response-shapes.js';
import type { JourneyContext } from './journey-context.js';
import type { VisitorRecord } from './journey-log.js';
import { webTimings as web } from './pace.js';
import type { Access } from './wait-in-line.js';

export const newIdempotencyKey = () => `lt-${randomUUID()}`;

/**
 * `POST /bookings` as web/src/booking/submit-booking.ts and the booking form send it: `not_ready`
 * ("still being processed") is replayed with the same key after `Retry-After`; after no answer or a
 * 5xx the visitor taps Book again, and the form sends the same key (a lost 201 can never become
 * two bookings). Every booking a client is told about is journaled for the ledger check.
 */
export async function bookItem(ctx: JourneyContext, visitor: VisitorRecord, access: Access, itemId: string, idempotencyKey: string, endpoint = 'bookings.create'): Promise<LoadResponse> {
  const { client, signal } = ctx;
  let replays = 0;
  let taps = 0;
  let intendedAt = client.now();
  for (;;) {
    const response = await client.request({
      endpoint,
      method: 'POST',
      path: `/api/events/${ctx.eventId}/bookings`,
      token: access.accessToken,
      headers: { 'idempotency-key': idempotencyKey },
      body: { itemId, quantity: 1 },
      expect: ['sold_out', 'limit_reached', 'not_ready', 'places_held'],
      shape: shapes.booking,
      intendedAt,
      signal,
    });
    let pauseMs: number | undefined;
    // As the web app: the same key again after Retry-After (a replay that overtook the first
    // request, or the last places held by bookings in progress).
    if ((response.code === 'not_ready' || response.code === 'places_held') && replays < web.maxBookingReplays) {
      replays += 1;
      pauseMs = (response.retryAfterSeconds ?? 1) * 1000;
    } else if (isTransient(response) && taps < web.bookingTaps) {
      taps += 1;
      pauseMs = 1_000 * (0.5 + Math.random());
    }
    if (pauseMs === undefined) {
      if (response.ok) {
        const { booking } = response.body as BookingResponse;
        ctx.log.booked(visitor, { bookingId: booking.id, itemId: booking.itemId, userId: booking.userId, quantity: booking.quantity, idempotencyKey, status: response.status });
      } else if (response.code === 'sold_out') {
        ctx.log.soldOut(itemId);
      }
      return response;
    }
    intendedAt = client.now() + pauseMs;
    await wait(pauseMs, undefined, { signal });
  }
}

/** Sends a booking again with its key (a reload, a double tap): the answer must be 200 with the same booking. */
export async function replayBooking(ctx: JourneyContext, visitor: VisitorRecord, access: Access, itemId: string, idempotencyKey: string, firstBookingId: string): Promise<void> {
  const again = await bookItem(ctx, visitor, access, itemId, idempotencyKey, 'bookings.replay');
  const bookingId = again.ok ? (again.body as BookingResponse).booking.id : undefined;
  ctx.log.replayed({ idempotencyKey, firstBookingId, status: again.status, bookingId });
}

/**
 * The booking page: it loads the event (availability), the visitor picks an item with places
 * left and books one; on `sold_out` the page refetches and the visitor picks another.
 */
export async function bookPlace(ctx: JourneyContext, visitor: VisitorRecord, access: Access, replayShare: number): Promise<void> {
  const { log } = ctx;
  const tried = new Set<string>();
  for (;;) {
    const view = await requestWithRetry(ctx.client, { endpoint: 'events.get', method: 'GET', path: `/api/events/${ctx.eventId}`, shape: shapes.eventView, signal: ctx.signal });
    if (!view.ok) return log.finish(visitor, 'failed');
    const items: ItemView[] = (view.body as EventView).items;
    // A public "0 left" is a sold-out claim too: the checks hold the target to it.
    for (const item of items) if (item.remaining === 0) log.soldOut(item.id);
    const open = items.filter((item) => item.remaining > 0 && !tried.has(item.id));
    const item = open[Math.floor(Math.random() * open.length)];
    if (!item) return log.finish(visitor, 'sold_out');
    tried.add(item.id);
    const key = newIdempotencyKey();
    const response = await bookItem(ctx, visitor, access, item.id, key);
    if (response.ok) {
      log.finish(visitor, 'booked');
      const { booking } = response.body as BookingResponse;
      if (Math.random() < replayShare) await replayBooking(ctx, visitor, access, item.id, key, booking.id);
      return;
    }
    if (response.code === 'limit_reached') return log.finish(visitor, 'limit_reached');
    if (response.code !== 'sold_out') return log.finish(visitor, 'failed');
  }
}
