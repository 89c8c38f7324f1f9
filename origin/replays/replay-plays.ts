/** What `countPlay` answers: a new play, or the same viewer again within the window (not counted). */
export type PlayResult = 'counted' | 'repeat';

/**
 * Plays of replays, counted where every origin instance sees the same figures (Redis in
 * production, memory on the local stack) and folded into the ledger's totals by
 * `foldReplayPlays`. `now` is the origin clock's time in ms.
 */
export interface ReplayPlays {
  /** Counts a play unless this viewer's play of this replay was counted in the last 30 min. */
  countPlay(replayId: string, viewerId: string, now: number): Promise<PlayResult>;
  /** Takes every play counted and not folded yet, by replay, leaving none behind. */
  takePending(): Promise<Map<string, number>>;
  /** Gives back plays a fold took and could not write. */
  restorePending(replayId: string, plays: number): Promise<void>;
}

/** A viewer's play of a replay counts once per this long (docs/decisions/0019). */
export const PLAY_WINDOW_MS = 30 * 60_000;
