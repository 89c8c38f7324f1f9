/** What `addHearts` answers: counted, or refused because this viewer sent hearts less than 2 s ago. */
export type HeartsResult = { kind: 'accepted' } | { kind: 'rate_limited'; retryAfterMs: number };

/**
 * Viewers and hearts of the channels, counted where every origin instance sees the same figures
 * (Redis in production, memory on the local stack). `now` is the origin clock's time in ms.
 */
export interface ChannelCounters {
  /** Records a viewer seen in a playback beacon; counted for a minute. */
  seeViewer(channelId: string, viewerId: string, now: number): Promise<void>;
  /**
   * Adds `count` hearts to the channel's total, atomically, unless this viewer already sent some
   * in the last 2 s (then nothing is counted).
   */
  addHearts(channelId: string, viewerId: string, count: number, now: number): Promise<HeartsResult>;
  /** Distinct viewers seen in the last minute (an estimate: ±1 % or so past a few hundred). */
  viewers(channelId: string, now: number): Promise<number>;
  /** Hearts sent to the channel so far. */
  hearts(channelId: string): Promise<number>;
}

/** Viewers are counted in buckets of 10 s; the last 6 make the minute. */
export const VIEWER_BUCKET_MS = 10_000;
export const VIEWER_BUCKETS = 6;
/** One hearts request per viewer per this long. */
export const HEARTS_INTERVAL_MS = 2_000;

export const bucketOf = (now: number): number => Math.floor(now / VIEWER_BUCKET_MS);

/** The buckets counted at `now`, newest first. */
export const bucketsAt = (now: number): number[] => Array.from({ length: VIEWER_BUCKETS }, (_, back) => bucketOf(now) - back);
