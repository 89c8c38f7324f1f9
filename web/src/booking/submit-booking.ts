import type { Booking, BookingRequest } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { createBooking } from './booking-api.js';

/**
 * Answers that mean "the same key again shortly": `not_ready` (a replay overtook the first
 * request), `places_held` (the last places are held by bookings in progress, which may fall
 * through). Both come with `Retry-After`.
 */
const RETRIED = new Set(['not_ready', 'places_held']);
const MAX_REPLAYS = 10;

/** POSTs a booking under `idempotencyKey`, replaying the same key while the server says to. */
export async function submitBooking(
  eventId: string,
  accessToken: string,
  idempotencyKey: string,
  request: BookingRequest,
): Promise<Booking> {
  for (let replay = 0; ; replay++) {
    try {
      return (await createBooking(eventId, accessToken, idempotencyKey, request)).booking;
    } catch (error) {
      const apiError = toApiError(error);
      if (!RETRIED.has(apiError.code) || replay >= MAX_REPLAYS) throw apiError;
      await new Promise((done) => setTimeout(done, (apiError.retryAfterSeconds ?? 1) * 1000));
    }
  }
}

/** Whether the attempt is over: after anything else the server may still book it, so keep the key. */
export function isDefinitiveAnswer(error: ApiError): boolean {
  return !error.outcomeUnknown && !RETRIED.has(error.code);
}
