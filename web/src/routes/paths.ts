import type { Booking } from '../../../core/index.js';

/** What the booking page hands the confirmation page, so it can render without a refetch. */
export interface ConfirmationState {
  booking: Booking;
}

/** The app's page paths, built in one place so ids are always encoded. */
export const paths = {
  channel: (channelId: string) => `/channels/${encodeURIComponent(channelId)}`,
  event: (eventId: string) => `/events/${encodeURIComponent(eventId)}`,
  queue: (eventId: string) => `/events/${encodeURIComponent(eventId)}/queue`,
  book: (eventId: string) => `/events/${encodeURIComponent(eventId)}/book`,
  confirmation: (bookingId: string) => `/bookings/${encodeURIComponent(bookingId)}`,
};
