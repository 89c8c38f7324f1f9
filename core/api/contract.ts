import type { z, ZodType } from 'zod';
import { identityResponseSchema, keyRotationSchema, loginSchema } from './auth.js';
import { bookingListResponseSchema, bookingRequestSchema, bookingResponseSchema } from './booking.js';
import { catalogQuerySchema, catalogResponseSchema, channelViewSchema, featuredRequestSchema, heartsRequestSchema, playbackTokenResponseSchema, watchRequestSchema } from './channel.js';
import { createEventSchema, eventStatsSchema, eventViewSchema, patchEventSchema } from './event.js';
import { fairnessQuerySchema, fairnessViewSchema } from './fairness.js';
import { createReplaySchema, playRequestSchema, replayListQuerySchema, replayListResponseSchema, replaySchema } from './replay.js';
import { admitResponseSchema, joinResponseSchema, queueStateSchema, visitorStatusResponseSchema } from './queue.js';

export type Auth = 'id' | 'queue' | 'access' | 'operator';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono-style path (`:param`). */
  path: string;
  summary: string;
  tag: string;
  auth?: Auth;
  /** The operation also answers without a token (the token changes what it does). */
  authOptional?: boolean;
  idempotencyKey?: boolean;
  body?: ZodType;
  /** Query parameters, as the object schema the route validates them with. */
  query?: z.ZodObject;
  /** Status → [description, schema?]; problem statuses list the codes a client branches on. */
  responses: Record<number, [string, ZodType?]>;
}

/** The public HTTP contract (DESIGN.md §2) as data: the OpenAPI document is generated from it. */
export const contract: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness', tag: 'meta', responses: { 200: ['ok'] } },
  { method: 'get', path: '/api/ready', summary: 'Readiness: Redis and DynamoDB answer, every gate on sale is loaded', tag: 'meta', responses: { 200: ['ready'], 503: ['origin_unavailable (the checks that failed)'] } },
  { method: 'get', path: '/api/catalog', summary: 'Upcoming and open events (paginated) and live channels', tag: 'catalog', query: catalogQuerySchema, responses: { 200: ['the catalog, cached ~30 s', catalogResponseSchema], 400: ['validation_failed'] } },
  { method: 'get', path: '/api/events/:eventId', summary: 'One event with live availability', tag: 'catalog', responses: { 200: ['the event, cached 1 s', eventViewSchema], 404: ['event_not_found'] } },
  { method: 'get', path: '/api/events/:eventId/fairness', summary: "The pre-queue draw's evidence: the commitment, then the seed and the hashed registrant list (docs/fairness.md)", tag: 'catalog', query: fairnessQuerySchema, responses: { 200: ['before the start the commitment only; once drawn immutable, cached a day', fairnessViewSchema], 400: ['validation_failed'], 404: ['event_not_found, not_found (no such part of the list)'] } },
  { method: 'get', path: '/api/channels/:channelId', summary: 'One live channel: status, playback URL, featured products, viewers and hearts', tag: 'catalog', responses: { 200: ['the channel, cached ≤ 1 s', channelViewSchema], 404: ['channel_not_found'] } },
  { method: 'post', path: '/api/channels/:channelId/playback-token', summary: "A 10-minute playback token for a private channel: for any signed-in viewer, or with an access token of the channel's drop", tag: 'catalog', auth: 'id', responses: { 200: ['the token and the playback URL carrying it', playbackTokenResponseSchema], 401: ['unauthorized, invalid_token'], 403: ["not_eligible (an access token of another drop), wrong_token_type"], 404: ['channel_not_found'], 409: ['not_private (a public channel plays without a token)'] } },
  { method: 'post', path: '/api/channels/:channelId/hearts', summary: "Hearts tapped by a viewer, batched (at most one request per viewer per 2 s), summed into the channel's total; the viewer is the id token's subject, else the client address", tag: 'catalog', auth: 'id', authOptional: true, body: heartsRequestSchema, responses: { 202: ['counted'], 400: ['invalid_json, validation_failed (count not 1..50)'], 401: ['invalid_token (a token was sent and refused)'], 404: ['channel_not_found'], 429: ['rate_limited (with Retry-After: this viewer sent hearts less than 2 s ago; nothing counted)'] } },
  { method: 'post', path: '/api/channels/:channelId/watch', summary: "A playback beacon (every ~20 s while playing): the viewer counts among the channel's viewers for a minute; the id token's subject, else the browser's `viewerId`, else the client address", tag: 'catalog', auth: 'id', authOptional: true, body: watchRequestSchema, responses: { 202: ['counted'], 400: ['invalid_json, validation_failed'], 401: ['invalid_token (a token was sent and refused)'], 404: ['channel_not_found'], 429: ['rate_limited (per address, at the edge)'] } },
  { method: 'get', path: '/api/replays', summary: 'Finished shows as replays (paginated): newest first, or the "most watched" chart with `?sort=plays`', tag: 'catalog', query: replayListQuerySchema, responses: { 200: ['a page of replays, cached ~30 s (plays folded in every ~10 s)', replayListResponseSchema], 400: ['validation_failed (sort, limit, or a cursor this list did not give)'] } },
  { method: 'get', path: '/api/replays/:replayId', summary: 'One replay: its VOD playlist URL and its product timeline (the pins, with their offsets from the start)', tag: 'catalog', responses: { 200: ['the replay, cached ~60 s', replaySchema], 404: ['replay_not_found'] } },
  { method: 'post', path: '/api/replays/:replayId/plays', summary: "A replay started playing: counted at most once per viewer per 30 min (the id token's subject, else the browser's `viewerId`, else the client address)", tag: 'catalog', auth: 'id', authOptional: true, body: playRequestSchema, responses: { 202: ['taken (counted, or a repeat within 30 min)'], 400: ['invalid_json, validation_failed'], 401: ['invalid_token (a token was sent and refused)'], 404: ['replay_not_found'], 429: ['rate_limited (per address, at the edge)'] } },
  { method: 'post', path: '/api/auth/guest', summary: 'An anonymous identity (rate-limited per IP)', tag: 'identity', responses: { 201: ['id token', identityResponseSchema], 429: ['rate_limited'] } },
  { method: 'post', path: '/api/auth/login', summary: 'Log a member in', tag: 'identity', body: loginSchema, responses: { 200: ['id token', identityResponseSchema], 400: ['invalid_json, validation_failed'], 401: ['invalid_credentials'] } },
  { method: 'post', path: '/api/queue/:eventId/join', summary: 'Take a place in line (a rejoin returns the same place); without a token, as a new guest where guests are allowed', tag: 'queue', auth: 'id', authOptional: true, responses: { 201: ['new place (without a token: with the new guest `identity`); the first screen of the waiting room', joinResponseSchema], 200: ['same place again', joinResponseSchema], 401: ['unauthorized, invalid_token (a token was sent and refused)'], 403: ['members_only, wrong_token_type'], 404: ['event_not_found'], 409: ['not_started, event_closed, sold_out'], 429: ['rate_limited (guest and join limits for a join without a token)'] } },
  { method: 'get', path: '/api/queue/:eventId/state', summary: "The event's shared queue state", tag: 'queue', responses: { 200: ['cached ≤ 1 s', queueStateSchema], 404: ['event_not_found'] } },
  { method: 'get', path: '/api/queue/:eventId/status', summary: 'Your position and ETA, computed at the edge', tag: 'queue', auth: 'queue', responses: { 200: ['your status', visitorStatusResponseSchema], 401: ['unauthorized, invalid_token'], 403: ['wrong_event, wrong_token_type'], 503: ['origin_unavailable'] } },
  { method: 'post', path: '/api/queue/:eventId/admit', summary: 'Trade your turn for an access token', tag: 'queue', auth: 'queue', responses: { 200: ['access token', admitResponseSchema], 401: ['invalid_token'], 403: ['wrong_event, wrong_token_type'], 409: ['not_ready, at_capacity, event_closed, sold_out'] } },
  { method: 'post', path: '/api/events/:eventId/bookings', summary: 'Book a slot or buy a product', tag: 'bookings', auth: 'access', idempotencyKey: true, body: bookingRequestSchema, responses: { 201: ['booked', bookingResponseSchema], 200: ['same Idempotency-Key again: the same booking', bookingResponseSchema], 400: ['invalid_json, validation_failed, missing_idempotency_key'], 401: ['invalid_token'], 403: ['wrong_event, wrong_token_type'], 404: ['item_not_found'], 409: ['sold_out, places_held (with Retry-After: the last places are held by bookings in progress), limit_reached, sale_not_open, event_closed'], 413: ['payload_too_large'], 422: ['idempotency_mismatch'] } },
  { method: 'get', path: '/api/me/bookings', summary: 'Your bookings', tag: 'bookings', auth: 'id', responses: { 200: ['newest first', bookingListResponseSchema], 401: ['invalid_token'] } },
  { method: 'delete', path: '/api/bookings/:bookingId', summary: 'Cancel a booking; the place returns', tag: 'bookings', auth: 'id', responses: { 200: ['cancelled (again: the same answer)', bookingResponseSchema], 404: ['booking_not_found'] } },
  { method: 'post', path: '/api/admin/events', summary: 'Create an event', tag: 'operator', auth: 'operator', body: createEventSchema, responses: { 201: ['created', eventViewSchema], 400: ['validation_failed (every field listed)'], 409: ['event_exists'] } },
  { method: 'patch', path: '/api/admin/events/:eventId', summary: 'Pause, resume, close, change the admission knobs', tag: 'operator', auth: 'operator', body: patchEventSchema, responses: { 200: ['updated', eventViewSchema], 400: ['validation_failed'], 404: ['event_not_found'] } },
  { method: 'get', path: '/api/admin/events/:eventId/stats', summary: 'Queue and inventory numbers', tag: 'operator', auth: 'operator', responses: { 200: ['stats', eventStatsSchema], 404: ['event_not_found'] } },
  { method: 'post', path: '/api/admin/keys/rotate', summary: 'Sign new tokens with a new key; older keys stay published until their tokens expire', tag: 'operator', auth: 'operator', responses: { 201: ['rotated', keyRotationSchema], 404: ['not_found (fixed keys)'], 409: ['too_many_keys'] } },
  { method: 'put', path: '/api/admin/channels/:channelId/featured', summary: 'Feature up to 3 products (items of drops) on a channel; a product already featured keeps its pinnedAt', tag: 'operator', auth: 'operator', body: featuredRequestSchema, responses: { 200: ['the channel with its new featured set', channelViewSchema], 400: ['invalid_json, validation_failed (every field listed: more than 3 products, an unknown event or item, a product twice)'], 404: ['channel_not_found'], 503: ['origin_unavailable (the pins are saved; the stream did not take them: send them again)'] } },
  { method: 'post', path: '/api/admin/channels/:channelId/replays', summary: 'Local stack: the show on a simulated channel from startedAt to endedAt (now by default, at most 4 h) becomes a replay; the same start again gives the same replay', tag: 'operator', auth: 'operator', body: createReplaySchema, responses: { 201: ['created', replaySchema], 200: ['this show was already a replay: that replay', replaySchema], 400: ['invalid_json, validation_failed (the field named: a window not > 0, over 4 h, or ending in the future)'], 404: ['channel_not_found (or not a simulated channel)'] } },
  { method: 'get', path: '/api/admin/events/:eventId/bookings', summary: "Every booking of an event (the ledger's view)", tag: 'operator', auth: 'operator', responses: { 200: ['bookings', bookingListResponseSchema], 404: ['event_not_found'] } },
];
