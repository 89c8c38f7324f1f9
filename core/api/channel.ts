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
});
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;
