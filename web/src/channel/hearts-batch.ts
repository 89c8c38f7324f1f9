/** Most hearts one request carries (the API's limit); taps past it wait for the next batch. */
export const MAX_HEARTS_PER_REQUEST = 50;
/** At most one batch per viewer per this long (the API refuses faster ones). */
export const HEARTS_INTERVAL_MS = 2_000;

/**
 * Taps become batches: `tap()` as often as the viewer likes, `take(now)` hands out what may be
 * sent now (never more often than every 2 s, never more than 50), `giveBack` returns a batch the
 * server refused, to go with the next one after its `Retry-After`. Pure: the page owns the timer.
 */
export function createHeartsBatch() {
  let pending = 0;
  let nextAt = 0;
  return {
    tap(count = 1) {
      pending += count;
    },
    pending: () => pending,
    take(now: number): number {
      if (pending === 0 || now < nextAt) return 0;
      const count = Math.min(MAX_HEARTS_PER_REQUEST, pending);
      pending -= count;
      nextAt = now + HEARTS_INTERVAL_MS;
      return count;
    },
    giveBack(count: number, now: number, retryAfterMs = HEARTS_INTERVAL_MS) {
      pending += count;
      nextAt = Math.max(nextAt, now + retryAfterMs);
    },
  };
}
