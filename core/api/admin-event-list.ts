import { z } from 'zod';
import { eventStatsSchema, eventStatusSchema, eventViewSchema } from './event.js';

/** Most drops one page of the operator list may carry: each costs a few reads of live state. */
export const ADMIN_EVENT_PAGE_MAX = 50;

/** `GET /api/admin/events?limit=&cursor=&status=`: a page of every drop, newest start first. */
export const adminEventListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(ADMIN_EVENT_PAGE_MAX).default(20),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/).optional(),
  /** Only drops in this status now (the status is live, so a filtered page may hold fewer than `limit`). */
  status: eventStatusSchema.optional(),
});
export type AdminEventListQuery = z.infer<typeof adminEventListQuerySchema>;

/** A drop's live figures in the list: the stats route's numbers, without the per-item breakdown (the items carry `remaining`). */
export const eventFiguresSchema = eventStatsSchema.pick({ tailSeq: true, servingSeq: true, waiting: true, prequeued: true, active: true, admitted: true, booked: true, remaining: true });
export type EventFigures = z.infer<typeof eventFiguresSchema>;

export const adminEventSchema = eventViewSchema.extend({ stats: eventFiguresSchema });
export type AdminEvent = z.infer<typeof adminEventSchema>;

export const adminEventListResponseSchema = z.object({
  events: z.array(adminEventSchema),
  /** Pass as `?cursor=` (with the same `status`) for the next page; absent on the last one. */
  nextCursor: z.string().optional(),
});
export type AdminEventListResponse = z.infer<typeof adminEventListResponseSchema>;
