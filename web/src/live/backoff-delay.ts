export interface BackoffOptions {
  /** The wait after the first failure, before jitter. @default 1_000 */
  baseMs?: number;
  /** No wait grows past this. @default 30_000 */
  capMs?: number;
  random?: () => number;
}

/**
 * The wait before retrying after `failures` failures in a row (1 for the first): doubling from
 * `baseMs` up to `capMs`, then "equal jitter" (half fixed, half random) so that a crowd whose
 * network dropped at the same moment does not come back at the same moment, while every wait still
 * grows (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1_000;
  const cap = options.capMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
