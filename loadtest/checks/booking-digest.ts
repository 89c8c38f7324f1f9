import { createHash } from 'node:crypto';

export interface DigestedBooking {
  id: string;
  itemId: string;
  userId: string;
  quantity: number;
}

/**
 * 24 bits of SHA-256 over what a booking is. Summed over a set of bookings it is a checksum that
 * travels as one Artillery counter from any number of machines: equal counts and equal sums mean
 * the clients were told about exactly the bookings the ledger holds (up to a 2^-24 chance).
 * Sums stay exact up to 2^29 bookings.
 */
export function bookingDigest(booking: DigestedBooking): number {
  const hash = createHash('sha256').update(`${booking.id}\n${booking.itemId}\n${booking.userId}\n${booking.quantity}`).digest();
  return hash.readUIntBE(0, 3);
}
