/** Visitors ahead of this one: 0 means it is this visitor's turn. */
export function position(seq: number, servingSeq: number): number {
  return Math.max(0, seq - servingSeq);
}

/** Seconds until a visitor `ahead` places from the front is let in at `ratePerMinute`. */
export function etaSeconds(ahead: number, ratePerMinute: number): number {
  if (ahead <= 0) return 0;
  if (ratePerMinute <= 0) return Number.POSITIVE_INFINITY;
  return Math.ceil((ahead * 60) / ratePerMinute);
}
