import { z } from 'zod';
import { idSchema } from './ids.js';

export const bookingRequestSchema = z.strictObject({
  itemId: idSchema,
  quantity: z.int().min(1).max(100).default(1),
});
export type BookingRequest = z.output<typeof bookingRequestSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/);

export const bookingStatuses = ['confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  itemId: z.string(),
  userId: z.string(),
  quantity: z.int(),
  status: z.enum(bookingStatuses),
  createdAt: z.string(),
  cancelledAt: z.string().optional(),
  /** Denormalised for "my bookings" lists. */
  eventTitle: z.string().optional(),
  itemLabel: z.string().optional(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const bookingResponseSchema = z.object({ booking: bookingSchema });
export type BookingResponse = z.infer<typeof bookingResponseSchema>;

export const bookingListResponseSchema = z.object({ bookings: z.array(bookingSchema) });
export type BookingListResponse = z.infer<typeof bookingListResponseSchema>;
