import { z } from 'zod';
import { identityResponseSchema } from './auth.js';
import { eventStatusSchema } from './event.js';
import { isoDateTime } from './ids.js';

/** A visitor's own status: their place, or the event's state when that is all there is to say. */
export const visitorStatusSchema = z.enum(['prequeue', 'drawing', 'waiting', 'ready', 'admitted', 'scheduled', 'paused', 'soldout', 'closed']);
export type VisitorStatus = z.infer<typeof visitorStatusSchema>;

/** The one public, cacheable document per event that every poller reads. */
export const queueStateSchema = z.object({
  eventId: z.string(),
  status: eventStatusSchema,
  servingSeq: z.int(),
  tailSeq: z.int(),
  admitRatePerMinute: z.int(),
  refreshAfterMs: z.int(),
  startsAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type QueueState = z.infer<typeof queueStateSchema>;

/**
 * A place in line and the waiting room's first screen (the same figures `/status` would give), so
 * a client polls only after `refreshAfterMs`. `identity` is set when a join without a token minted
 * the guest it placed (docs/decisions/0010-one-request-join.md).
 */
export const joinResponseSchema = z.object({
  queueToken: z.string(),
  seq: z.int().nullable(),
  status: visitorStatusSchema,
  position: z.int().nullable(),
  etaSeconds: z.int().nullable(),
  refreshAfterMs: z.int(),
  identity: identityResponseSchema.optional(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

export const visitorStatusResponseSchema = z.object({
  status: visitorStatusSchema,
  seq: z.int().nullable(),
  position: z.int().nullable(),
  etaSeconds: z.number().nullable(),
  refreshAfterMs: z.int(),
  /** Set when the visitor should call join again (the pre-queue has been drawn). */
  rejoin: z.boolean().optional(),
});
export type VisitorStatusResponse = z.infer<typeof visitorStatusResponseSchema>;

export const admitResponseSchema = z.object({
  accessToken: z.string(),
  expiresAt: isoDateTime,
});
export type AdmitResponse = z.infer<typeof admitResponseSchema>;
