import { randomUUID } from 'node:crypto';
import type { BookingResponse, EventView, ItemView } from '../../core/index.js';
import type { LoadResponse } from '../client/load-client.js';
import { isTransient, requestWithRetry } from '../client/request-with-retry.js';
import { shapes } from '../client/response-shapes.js';
import type { VisitorRecord } from '../journal/visitor-journal.js';
import type { ScenarioContext } from './scenario.js';

export interface Access {
  userId: string;
  accessToken: string;
}

/**
 * `POST /bookings` as a careful client sends it: on no answer, a 5xx or "still being processed"
 * it sends the same body with the same Idempotency-Key, so a lost 201 can never become two
 * bookings. Every booking a client is told about is journaled for the ledger check.
 */
export async function bookItem(ctx: ScenarioContext, access: Access, itemId: string, idempotencyKey: string, endpoint = 'bookings.create'): Promise<LoadResponse> {
  const response = await requestWithRetry(
    ctx.client,
    {
      endpoint,
      method: 'POST',
      path: `/api/events/${ctx.event.id}/bookings`,
      token: access.accessToken,
      headers: { 'idempotency-key': idempotencyKey },
      body: { itemId, quantity: 1 },
      expect: ['sold_out', 'limit_reached', 'not_ready'],
      shape: shapes.booking,
      signal: ctx.signal,
    },
    (answer) => isTransient(answer) || answer.code === 'not_ready',
  );
  if (response.ok) {
    const { booking } = response.body as BookingResponse;
    ctx.journal.bookings.push({ bookingId: booking.id, itemId: booking.itemId, userId: booking.userId, quantity: booking.quantity, idempotencyKey, status: response.status });
  } else if (response.code === 'sold_out') {
    ctx.journal.soldOutSeen.add(itemId);
  }
  return response;
}

/** Sends a booking again with its key: the answer must be 200 with the same booking. */
export async function replayBooking(ctx: ScenarioContext, access: Access, itemId: string, idempotencyKey: string, firstBookingId: string): Promise<void> {
  const again = await bookItem(ctx, access, itemId, idempotencyKey, 'bookings.replay');
  const bookingId = again.ok ? (again.body as BookingResponse).booking.id : undefined;
  ctx.journal.replays.push({ idempotencyKey, firstBookingId, status: again.status, bookingId });
}

export const newIdempotencyKey = () => `lt-${randomUUID()}`;

/**
 * An admitted visitor looks at availability (the cached event JSON), picks an item that has
 * places left, and books one; on `sold_out` it tries another, as a person would.
 */
export async function bookPlace(ctx: ScenarioContext, visitor: VisitorRecord, access: Access, replayShare: number): Promise<void> {
  const { journal } = ctx;
  const tried = new Set<string>();
  for (let attempt = 0; attempt <= ctx.event.items.length; attempt += 1) {
    const view = await ctx.client.request({ endpoint: 'events.get', method: 'GET', path: `/api/events/${ctx.event.id}`, shape: shapes.eventView, signal: ctx.signal });
    const items: ItemView[] = view.ok ? (view.body as EventView).items : ctx.event.items;
    // A public "0 left" is a sold-out claim too: the checks hold the target to it.
    if (view.ok) for (const item of items) if (item.remaining === 0) journal.soldOutSeen.add(item.id);
    const open = items.filter((item) => item.remaining > 0 && !tried.has(item.id));
    const item = open[Math.floor(Math.random() * open.length)];
    if (!item) return journal.finish(visitor, 'sold_out');
    tried.add(item.id);
    const key = newIdempotencyKey();
    const response = await bookItem(ctx, access, item.id, key);
    if (response.ok) {
      journal.counts.booked += 1;
      journal.finish(visitor, 'booked');
      const { booking } = response.body as BookingResponse;
      if (Math.random() < replayShare) await replayBooking(ctx, access, item.id, key, booking.id);
      return;
    }
    if (response.code === 'limit_reached') return journal.finish(visitor, 'limit_reached');
    if (response.code !== 'sold_out') return journal.finish(visitor, 'failed');
  }
  journal.finish(visitor, 'sold_out');
}
