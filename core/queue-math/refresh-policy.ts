/**
 * How long a client waits before its next poll. Far from the front, polls are rare; close to it,
 * they are frequent, so the total poll load stays near-constant per admitted visitor rather than
 * growing with the crowd. Jitter is applied by the caller (a ±10% spread) to avoid synchronised waves.
 */
export const MIN_REFRESH_MS = 1_000;
export const MAX_REFRESH_MS = 30_000;

export function refreshAfterMs(etaSeconds: number | null): number {
  if (etaSeconds === null || !Number.isFinite(etaSeconds)) return 5_000;
  // Poll about eight times over the remaining wait, bounded to [1 s, 30 s].
  const ms = Math.round((etaSeconds * 1000) / 8);
  return Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, ms));
}

/** Interval for the shared, cacheable state document: it changes at most once a second. */
export const STATE_REFRESH_MS = 1_000;
