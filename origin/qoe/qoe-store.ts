import type { QoeBeacon, QoeSummary } from '../../core/index.js';

/** What beacons are about: a live channel or a replay. */
export type QoeTarget = { kind: 'channel'; id: string } | { kind: 'replay'; id: string };

/** The figures of a target's last 10 minutes; the route adds the channel id and its viewers. */
export type QoeWindow = Omit<QoeSummary, 'channelId' | 'windowSeconds' | 'viewers'>;

/**
 * Playback quality (QoE) beacons summed per target per minute, kept for the last 10 minutes,
 * where every origin instance sees the same figures (Redis in production, memory on the local
 * stack). `now` is the origin clock's time in ms.
 */
export interface QoeStore {
  /** Adds a batch of valid beacons to the current minute, atomically per target. */
  record(beacons: readonly QoeBeacon[], now: number): Promise<void>;
  /** The target's last 10 minutes (the current one included). */
  summary(target: QoeTarget, now: number): Promise<QoeWindow>;
}

export const QOE_MINUTE_MS = 60_000;
/** Minutes a summary covers: 10, the current one last. */
export const QOE_MINUTES = 10;
/** Distinct error codes kept per target per minute; the rest are counted as `(other)`. */
export const MAX_ERROR_CODES = 50;
/** The name codes past the cap are counted under: not a valid code, so no player can send it. */
export const OTHER_ERROR_CODE = '(other)';
/** Error codes a summary lists. */
export const TOP_ERROR_CODES = 5;

export const minuteOf = (now: number): number => Math.floor(now / QOE_MINUTE_MS);

/** The minutes a summary at `now` covers, oldest first. */
export const minutesAt = (now: number): number[] => Array.from({ length: QOE_MINUTES }, (_, index) => minuteOf(now) - QOE_MINUTES + 1 + index);

export const targetOf = (beacon: QoeBeacon): QoeTarget =>
  beacon.channelId !== undefined ? { kind: 'channel', id: beacon.channelId } : { kind: 'replay', id: beacon.replayId ?? '' };

/** A target as one string (`c:<id>`, `r:<id>`): the stores' map and key names. */
export const targetKey = (target: QoeTarget): string => `${target.kind === 'channel' ? 'c' : 'r'}:${target.id}`;
