import { z } from 'zod';
import { isoDateTime } from './ids.js';

/** How `GET /api/replays` orders: newest first, or the "most watched" chart (most plays first). */
export const replaySorts = ['newest', 'plays'] as const;
export type ReplaySort = (typeof replaySorts)[number];

/** The longest show an operator may turn into a replay of a simulated channel. */
export const MAX_REPLAY_SECONDS = 4 * 3600;

/** A finished show, as listed: where it plays and how often it was played. */
export const replaySummarySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  title: z.string(),
  startedAt: isoDateTime,
  endedAt: isoDateTime,
  durationSeconds: z.number().nonnegative(),
  /** A VOD playlist (`#EXT-X-ENDLIST`): `/hls/replays/<id>/master.m3u8` locally, the IVS recording's on AWS. */
  playbackUrl: z.string(),
  thumbnailUrl: z.string().optional(),
  /** Plays counted once per viewer per 30 min, folded in every few seconds (docs/decisions/0019). */
  plays: z.int().min(0),
});
export type ReplaySummary = z.infer<typeof replaySummarySchema>;

/** A product shown during the show: when it was pinned, and where that is in the replay. */
export const timelineEntrySchema = z.object({
  eventId: z.string(),
  itemId: z.string(),
  /** Seconds from the replay's start where the product is on screen (0 for one pinned before it started). */
  offsetSeconds: z.number().nonnegative(),
  pinnedAt: isoDateTime,
  /** When it was taken off, if it was (possibly after the show ended). */
  unpinnedAt: isoDateTime.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** `GET /api/replays/:replayId`: the replay with its product timeline, in pin order. */
export const replaySchema = replaySummarySchema.extend({ timeline: z.array(timelineEntrySchema) });
export type Replay = z.infer<typeof replaySchema>;

/** `GET /api/replays?sort=&limit=&cursor=`. */
export const replayListQuerySchema = z.object({
  sort: z.enum(replaySorts).default('newest'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,300}$/).optional(),
});
export type ReplayListQuery = z.infer<typeof replayListQuerySchema>;

export const replayListResponseSchema = z.object({
  replays: z.array(replaySummarySchema),
  /** Pass as `?cursor=` (with the same `sort`) for the next page; absent on the last one. */
  nextCursor: z.string().optional(),
});
export type ReplayListResponse = z.infer<typeof replayListResponseSchema>;

/** `POST /api/replays/:replayId/plays`: a play started; the browser's `viewerId` as for `/watch`. */
export const playRequestSchema = z.strictObject({ viewerId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional() });
export type PlayRequest = z.infer<typeof playRequestSchema>;

/**
 * `POST /api/admin/channels/:channelId/replays` (local stack): the show on a simulated channel
 * from `startedAt` to `endedAt` (now when absent) becomes a replay.
 */
export const createReplaySchema = z.strictObject({
  startedAt: isoDateTime,
  endedAt: isoDateTime.optional(),
  title: z.string().trim().min(1).max(200).optional(),
});
export type CreateReplay = z.infer<typeof createReplaySchema>;
