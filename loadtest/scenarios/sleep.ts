import { setTimeout as wait } from 'node:timers/promises';

/** Rejects with the signal's reason when the run ends, so a sleeping visitor stops at once. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return wait(Math.max(0, ms), undefined, { signal });
}

/** ±10% by default (the spread core's refresh policy asks callers for), against synchronised waves. */
export function jitter(ms: number, spread = 0.1): number {
  return ms * (1 - spread + Math.random() * 2 * spread);
}
