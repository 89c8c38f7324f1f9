import { z } from 'zod';
import { eventViewSchema } from './event.js';
import { idSchema, isoDateTime } from './ids.js';

export const channelStatuses = ['live', 'offline'] as const;
export type ChannelStatus = (typeof channelStatuses)[number];

/** Products an operator may feature on a channel at once. */
export const MAX_FEATURED = 3;

/** A product shown on a channel: a pointer to an item of a drop, never its price or stock (those come from the drop's JSON). */
export const featuredProductSchema = z.strictObject({ eventId: idSchema, itemId: idSchema });
export type FeaturedProduct = z.infer<typeof featuredProductSchema>;

export const featuredPinSchema = featuredProductSchema.extend({
  /** When this product was pinned; a product pinned again while still featured keeps its time. */
  pinnedAt: isoDateTime,
});
export type FeaturedPin = z.infer<typeof featuredPinSchema>;

/** `PUT /api/admin/channels/:channelId/featured`: the whole featured set, in display order (empty unpins all). */
export const featuredRequestSchema = z
  .strictObject({ products: z.array(featuredProductSchema).max(MAX_FEATURED) })
  .superRefine((request, ctx) => {
    const seen = new Set<string>();
    request.products.forEach((product, index) => {
      const key = `${product.eventId}/${product.itemId}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['products', index], message: 'product listed twice' });
      seen.add(key);
    });
  });
export type FeaturedRequest = z.infer<typeof featuredRequestSchema>;

/** `GET /api/channels/:channelId`: one channel as viewers see it, cached ≤ 1 s at the edge. */
export const channelViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(channelStatuses),
  /** Private channels play only with a playback token. */
  private: z.boolean(),
  playbackUrl: z.string().nullable(),
  featured: z.array(featuredPinSchema).max(MAX_FEATURED),
  viewers: z.int().min(0),
  hearts: z.int().min(0),
  /** When this document was composed. */
  updatedAt: isoDateTime,
  /** The drop sold on this channel. */
  eventId: z.string().optional(),
  thumbnailUrl: z.string().optional(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

/** Most hearts one request may carry: a viewer's taps are batched, one request per 2 s at most. */
export const MAX_HEARTS_PER_REQUEST = 50;

/** `POST /api/channels/:channelId/hearts`: the hearts a viewer tapped since the last batch. */
export const heartsRequestSchema = z.strictObject({ count: z.int().min(1).max(MAX_HEARTS_PER_REQUEST) });
export type HeartsRequest = z.infer<typeof heartsRequestSchema>;

/**
 * `POST /api/channels/:channelId/watch`: a playback beacon. A signed-in viewer is counted by the
 * id token; an anonymous one by the random id its browser keeps (`viewerId`), else by its address.
 */
export const watchRequestSchema = z.strictObject({ viewerId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional() });
export type WatchRequest = z.infer<typeof watchRequestSchema>;

/**
 * The `aws:channel-arn` a simulated (local) private channel's playback tokens name: IVS's ARN
 * shape in a pseudo region and account, checked by the edge like IVS checks its own.
 */
export const localPlaybackChannelArn = (channelId: string) => `arn:aws:ivs:local:000000000000:channel/${channelId}`;

/** `POST /api/channels/:channelId/playback-token`: an IVS playback token (ES384 JWT) for a private channel. */
export const playbackTokenResponseSchema = z.object({
  token: z.string(),
  /** The channel's playback URL with `?token=`; null while the channel is offline. */
  playbackUrl: z.string().nullable(),
  /** When the token stops starting playback (ISO); a stream already playing goes on. */
  expiresAt: isoDateTime,
});
export type PlaybackTokenResponse = z.infer<typeof playbackTokenResponseSchema>;

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
