/**
 * Every error code a client may branch on, with its HTTP status and a stable title.
 * Titles are fixed per code (RFC 9457 "title" must not vary per occurrence); details vary.
 */
export const errorCodes = {
  bad_request: { status: 400, title: 'Bad request' },
  invalid_json: { status: 400, title: 'Malformed JSON body' },
  validation_failed: { status: 400, title: 'Invalid fields' },
  missing_idempotency_key: { status: 400, title: 'Idempotency-Key header required' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_token: { status: 401, title: 'Invalid or expired token' },
  invalid_credentials: { status: 401, title: 'Wrong user name or password' },
  forbidden: { status: 403, title: 'Not allowed' },
  wrong_event: { status: 403, title: 'Token belongs to another event' },
  wrong_token_type: { status: 403, title: 'Wrong kind of token' },
  members_only: { status: 403, title: 'This event is for members only' },
  not_found: { status: 404, title: 'Not found' },
  event_not_found: { status: 404, title: 'Event not found' },
  item_not_found: { status: 404, title: 'Item not found' },
  booking_not_found: { status: 404, title: 'Booking not found' },
  channel_not_found: { status: 404, title: 'Channel not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_ready: { status: 409, title: 'Not your turn yet' },
  at_capacity: { status: 409, title: 'Too many active shoppers, try again shortly' },
  not_started: { status: 409, title: 'Not open yet' },
  event_paused: { status: 409, title: 'Admission is paused' },
  event_closed: { status: 409, title: 'Event is closed' },
  places_held: { status: 409, title: 'The last places are held by bookings in progress; try again shortly' },
  sold_out: { status: 409, title: 'Sold out' },
  limit_reached: { status: 409, title: 'Per-person limit reached' },
  sale_not_open: { status: 409, title: 'Outside the sale window' },
  event_exists: { status: 409, title: 'An event with this id already exists' },
  already_cancelled: { status: 409, title: 'Booking already cancelled' },
  too_many_keys: { status: 409, title: 'Too many signing keys still have live tokens' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Expected application/json' },
  idempotency_mismatch: { status: 422, title: 'Idempotency-Key reused with a different request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  origin_unavailable: { status: 503, title: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;
