import type { Booking } from '../../../core/index.js';
import { ApiError } from '../api/api-error.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { identityStore } from '../identity/identity-store.js';
import { fetchMyBookings } from './booking-api.js';

/**
 * One booking with its event title and item label, for the confirmation page. Uses what the
 * booking page handed over when it can (no request at all), else finds it in "my bookings";
 * labels missing from either are filled in from the public event.
 */
export async function loadBooking(bookingId: string, handedOver: Booking | undefined): Promise<Booking> {
  let booking = handedOver?.id === bookingId ? handedOver : undefined;
  if (!booking) {
    const identity = identityStore.current();
    if (!identity) throw notFound();
    const { bookings } = await fetchMyBookings(identity.idToken);
    booking = bookings.find((candidate) => candidate.id === bookingId);
    if (!booking) throw notFound();
  }
  if (booking.eventTitle && booking.itemLabel) return booking;
  const event = await fetchEvent(booking.eventId).catch(() => undefined);
  return {
    ...booking,
    eventTitle: booking.eventTitle ?? event?.title,
    itemLabel: booking.itemLabel ?? event?.items.find((item) => item.id === booking.itemId)?.label,
  };
}

function notFound(): ApiError {
  return new ApiError({
    status: 404,
    code: 'booking_not_found',
    title: 'Booking not found',
    detail: 'It may belong to another account. Your bookings are listed under My bookings.',
  });
}
