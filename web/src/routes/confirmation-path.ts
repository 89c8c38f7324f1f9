import type { Booking } from '../../../core/index.js';

/** What the booking pages hand the confirmation page, so it can render without a refetch. */
export interface ConfirmationState {
  booking: Booking;
}

export function confirmationPath(bookingId: string): string {
  return `/bookings/${encodeURIComponent(bookingId)}`;
}
