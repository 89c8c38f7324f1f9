import { z } from 'zod';
import { idSchema, isoDateTime } from './ids.js';

/** Beacons one `POST /api/qoe` may carry (the body is also held to 16 KB). */
export const MAX_QOE_BEACONS = 20;
/** Errors one beacon may report. */
export const MAX_QOE_ERRORS = 10;
/** The window the operator's QoE summary covers. */
export const QOE_WINDOW_SECONDS = 600;

/** An error the player met, as hls.js names it (`details`, e.g. `bufferStalledError`), or a media error code. */
export const qoeErrorSchema = z.strictObject({
  code: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and "_.:-" only'),
  fatal: z.boolean(),
});

/**
 * One playback beacon, sent about every 15 s while playing and once on page hide. The figures
 * count since the session's previous beacon, so the origin only sums them. Definitions follow
 * hls.js (reference/live-cdk-facts.md §3.1): startup = first `playing` − play intent; a stall is a
 * `waiting` → `playing` interval outside startup and seeks.
 */
export const qoeBeaconSchema = z
  .strictObject({
    channelId: idSchema.optional(),
    replayId: idSchema.optional(),
    /** One playback session: random, per page load. */
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 letters, digits, "-" or "_"'),
    /** Sent once per session: play intent → first frame. */
    startupMs: z.int().min(0).max(120_000).optional(),
    playedMs: z.int().min(0).max(600_000),
    /** Stalled since the previous beacon, not counting startup or seeks. */
    rebufferMs: z.int().min(0).max(600_000),
    bitrateSwitches: z.int().min(0).max(1_000),
    /** The rendition playing now. */
    bitrateKbps: z.int().min(0).max(100_000).optional(),
    errors: z.array(qoeErrorSchema).max(MAX_QOE_ERRORS).optional(),
  })
  .superRefine((beacon, ctx) => {
    if ((beacon.channelId === undefined) === (beacon.replayId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['channelId'], message: 'exactly one of channelId and replayId' });
    }
  });
export type QoeBeacon = z.infer<typeof qoeBeaconSchema>;

/** `POST /api/qoe`: a batch of beacons (a page flushes what it holds on hide). */
export const qoeRequestSchema = z.strictObject({ beacons: z.array(qoeBeaconSchema).min(1).max(MAX_QOE_BEACONS) });
export type QoeRequest = z.infer<typeof qoeRequestSchema>;

const ratio = z.number().min(0).max(1);

/** One minute of the window: null where the minute has no sample. */
export const qoeMinuteSchema = z.object({
  /** The minute's start. */
  at: isoDateTime,
  sessions: z.int().min(0),
  startupP50: z.int().min(0).nullable(),
  rebufferRatio: ratio.nullable(),
});
export type QoeMinute = z.infer<typeof qoeMinuteSchema>;

/**
 * `GET /api/admin/channels/:channelId/qoe`: the last 10 minutes of a channel's playback quality.
 * Startup percentiles come from log-scale buckets: within 10 % of the true value (±5 ms under 10 ms).
 */
export const qoeSummarySchema = z.object({
  channelId: z.string(),
  windowSeconds: z.literal(QOE_WINDOW_SECONDS),
  /** Distinct playback sessions (HyperLogLog in Redis: ±0.81 %). */
  sessions: z.int().min(0),
  startupMs: z.object({ p50: z.int().min(0).nullable(), p90: z.int().min(0).nullable(), samples: z.int().min(0) }),
  /** Σ stall / (Σ played + Σ stall); null before any playback is reported. */
  rebufferRatio: ratio.nullable(),
  playedSeconds: z.number().min(0),
  bitrateSwitches: z.int().min(0),
  errors: z.object({
    total: z.int().min(0),
    fatal: z.int().min(0),
    /** The most frequent codes, most first; `(other)` gathers codes past the per-minute cap. */
    top: z.array(z.object({ code: z.string(), count: z.int().min(1) })),
  }),
  /** Distinct viewers of the last minute, from the channel's counters. */
  viewers: z.int().min(0),
  /** Oldest first, the current (partial) minute last. */
  minutes: z.array(qoeMinuteSchema),
});
export type QoeSummary = z.infer<typeof qoeSummarySchema>;
