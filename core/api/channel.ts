import { z } from 'zod';
import { eventViewSchema } from './event.js';

export const channelStatuses = ['live', 'offline', 'vod'] as const;
export type ChannelStatus = (typeof channelStatuses)[number];

export const channelViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(channelStatuses),
  playbackUrl: z.string().nullable(),
  eventId: z.string().optional(),
  featuredProductId: z.string().optional(),
  viewers: z.int().optional(),
  thumbnailUrl: z.string().optional(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const catalogResponseSchema = z.object({
  events: z.array(eventViewSchema),
  channels: z.array(channelViewSchema),
  /** Pass as `?cursor=` for the next page; absent on the last one. */
  nextCursor: z.string().optional(),
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;

/** `GET /api/catalog?limit=&cursor=`: a page of the events a visitor can act on. */
export const catalogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/).optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;
