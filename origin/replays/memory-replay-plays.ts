import { PLAY_WINDOW_MS, type ReplayPlays } from './replay-plays.js';

export interface MemoryReplayPlaysOptions {
  /** Most viewer windows kept: past it, expired ones are dropped, then new viewers are not remembered (a repeat may count again). */
  maxViewers?: number;
}

/**
 * The local stack's play counter, in one process: until when each viewer's play of each replay
 * does not count again, and the plays not folded yet. Single-threaded, so every update is atomic;
 * a restart forgets the plays of the last fold period.
 */
export function createMemoryReplayPlays(options: MemoryReplayPlaysOptions = {}): ReplayPlays {
  const cap = options.maxViewers ?? 100_000;
  const seen = new Map<string, number>();
  let pending = new Map<string, number>();
  const dropExpired = (now: number) => {
    for (const [key, until] of seen) if (until <= now) seen.delete(key);
  };
  const add = (replayId: string, plays: number) => pending.set(replayId, (pending.get(replayId) ?? 0) + plays);
  return {
    async countPlay(replayId, viewerId, now) {
      const key = `${replayId}\n${viewerId}`;
      const until = seen.get(key);
      if (until !== undefined && until > now) return 'repeat';
      if (seen.size >= cap) dropExpired(now);
      if (seen.size < cap || seen.has(key)) seen.set(key, now + PLAY_WINDOW_MS);
      add(replayId, 1);
      return 'counted';
    },
    async takePending() {
      const taken = pending;
      pending = new Map();
      return taken;
    },
    async restorePending(replayId, plays) {
      add(replayId, plays);
    },
  };
}
