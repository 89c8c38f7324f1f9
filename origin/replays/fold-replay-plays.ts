import type { Ledger } from '../ledger/ledger.js';
import type { ReplayPlays } from './replay-plays.js';

/** How often the plays counted are folded into the replays' totals (the chart's freshness, with the edge's 30 s). */
export const REPLAY_PLAYS_FOLD_MS = 10_000;

export interface FoldReport {
  /** Plays added to replays' totals. */
  folded: number;
  /** Plays of replays the ledger does not have (dropped). */
  dropped: number;
}

/**
 * Moves the plays counted since the last fold into the ledger's totals. A write that fails gives
 * its plays (and those not tried yet) back to the counter for the next fold, then throws; a
 * process that dies between the take and the writes loses those plays (never counts one twice).
 */
export async function foldReplayPlays(plays: ReplayPlays, ledger: Pick<Ledger, 'addReplayPlays'>): Promise<FoldReport> {
  const pending = [...(await plays.takePending())];
  const report: FoldReport = { folded: 0, dropped: 0 };
  for (const [index, [replayId, count]] of pending.entries()) {
    try {
      if (await ledger.addReplayPlays(replayId, count)) report.folded += count;
      else report.dropped += count;
    } catch (error) {
      await Promise.all(pending.slice(index).map(([id, left]) => plays.restorePending(id, left)));
      throw error;
    }
  }
  return report;
}
