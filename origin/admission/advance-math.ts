import type { QueueSettings } from './admission-queue.js';

export interface AdvanceInput {
  now: number;
  lastAdvanceAt: number;
  tailSeq: number;
  servingSeq: number;
  active: number;
  blocked: boolean;
  settings: QueueSettings;
}

/**
 * The lazy advance (DESIGN.md §3), shared by the memory adapter and mirrored by
 * `lua/advance.lua`. Places open at `newUsersPerMinute`: `lastAdvanceAt` moves by whole intervals
 * so remainders are kept, and whoever calls first after an interval advances for everyone (no
 * leader). Unused allowance is banked up to one second's worth (at least one place) so a quiet
 * event lets a visitor straight in without exceeding the rate; `queueAll` banks nothing, so every
 * visitor waits for the rate.
 */
export function nextAdvance(input: AdvanceInput): { servingSeq: number; lastAdvanceAt: number } {
  const { now, settings } = input;
  if (input.blocked) return { servingSeq: input.servingSeq, lastAdvanceAt: now };

  const intervalMs = 60_000 / settings.newUsersPerMinute;
  const bankMs = settings.queueAll ? 0 : Math.max(intervalMs, 1_000);
  const floor = now - bankMs;
  const waiting = input.tailSeq - input.servingSeq;
  if (waiting <= 0) return { servingSeq: input.servingSeq, lastAdvanceAt: Math.max(input.lastAdvanceAt, floor) };

  const room = Math.max(0, settings.maxActiveUsers - input.active);
  const due = Math.floor((now - input.lastAdvanceAt) / intervalMs);
  const step = Math.max(0, Math.min(due, waiting, room));
  const moved = input.lastAdvanceAt + step * intervalMs;
  // Capped by the queue or the session limit: the unused time is banked no further than `floor`.
  return { servingSeq: input.servingSeq + step, lastAdvanceAt: step < due ? Math.max(moved, floor) : moved };
}
