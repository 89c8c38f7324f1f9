import type { BookingListResponse, BookingRequest, BookingResponse } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

/** Books with an access token. Replaying the same Idempotency-Key returns the same booking, never a second one. */
export function createBooking(
  eventId: string,
  accessToken: string,
  idempotencyKey: string,
  request: BookingRequest,
): Promise<BookingResponse> {
  return apiFetch(`/api/events/${encodeURIComponent(eventId)}/bookings`, {
    method: 'POST',
    token: accessToken,
    headers: { 'idempotency-key': idempotencyKey },
    body: request,
  });
}

export function fetchMyBookings(idToken: string): Promise<BookingListResponse> {
  return apiFetch('/api/me/bookings', { token: idToken });
}

export function cancelBooking(idToken: string, bookingId: string): Promise<BookingResponse> {
  return apiFetch(`/api/bookings/${encodeURIComponent(bookingId)}`, { method: 'DELETE', token: idToken });
}
