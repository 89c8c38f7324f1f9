import type { Booking, BookingRequest } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { createBooking } from './booking-api.js';

/** A replay that overtook the first request gets `not_ready` until the first one is recorded. */
const MAX_REPLAYS = 5;

/**
 * POSTs a booking under `idempotencyKey`, replaying the same key while the server answers
 * `not_ready` ("this request is still being processed", after a retry raced the original).
 */
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
      if (apiError.code !== 'not_ready' || replay >= MAX_REPLAYS) throw apiError;
      await new Promise((done) => setTimeout(done, (apiError.retryAfterSeconds ?? 1) * 1000));
    }
  }
}

/** Whether the attempt is over: after anything else the server may still book it, so keep the key. */
export function isDefinitiveAnswer(error: ApiError): boolean {
  return !error.outcomeUnknown && error.code !== 'not_ready';
}
