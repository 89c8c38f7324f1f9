import { setTimeout as wait } from 'node:timers/promises';

/** The web app's poll jitter (web/src/live/make-timeout-loop.ts): ±10 %, so a crowd that joined together does not poll together. */
export function jitter(ms: number, spread = 0.1, random = Math.random): number {
  return Math.round(Math.max(0, ms) * (1 + spread * (2 * random() - 1)));
}

/** Rejects with the signal's reason when the run ends, so a waiting visitor stops at once. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return wait(Math.max(0, ms), undefined, { signal });
}

/** The web app's waiting-room timings (web/src/queue/create-waiting-room.ts). */
export const webTimings = {
  /** First delay before the first answer sets one. */
  initialDelayMs: 1_000,
  maxBackoffMs: 30_000,
  minBackoffMs: 2_000,
  rejoinDelayMs: 500,
  pausedDelayMs: 5_000,
  atCapacityDefaultSeconds: 3,
  rateLimitedDefaultSeconds: 10,
  maxTokenRefusals: 3,
  /** submitBooking replays a `not_ready` or `places_held` booking this many times, `Retry-After` (default 1 s) apart. */
  maxBookingReplays: 10,
  /** A visitor who saw no answer taps Book again (same key) this many times, about a second later. */
  bookingTaps: 2,
} as const;
