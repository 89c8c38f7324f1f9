import type { QueueState, VisitorStatusResponse } from '../api/queue.js';
import { etaSeconds, position } from '../queue-math/position.js';
import { refreshAfterMs } from '../queue-math/refresh-policy.js';

/**
 * A visitor's place from their token's `seq` and the shared, cached state: the computation the edge
 * does for `/status` without touching the origin (DESIGN.md §1, "a poll never reaches Redis").
 */
export function visitorStatus(seq: number | null, state: QueueState, now: number): VisitorStatusResponse {
  const none = { seq, position: null, etaSeconds: null };
  if (state.status === 'closed' || state.status === 'soldout') return { ...none, status: state.status, refreshAfterMs: 30_000 };
  // Transient: the pre-queue is being shuffled into places; ask again in a moment.
  if (state.status === 'drawing') return { ...none, status: 'drawing', refreshAfterMs: 1_000 };
  if (seq === null) {
    if (state.status === 'scheduled' || state.status === 'prequeue') {
      const untilStart = Math.max(0, Date.parse(state.startsAt) - now);
      return { ...none, status: 'prequeue', refreshAfterMs: Math.min(30_000, Math.max(1_000, Math.round(untilStart / 4))) };
    }
    // The draw has run: the visitor joins again to learn the place it gave them.
    return { ...none, status: 'prequeue', refreshAfterMs: 1_000, rejoin: true };
  }
  const ahead = position(seq, state.servingSeq);
  if (ahead === 0 && state.status === 'open') return { seq, position: 0, etaSeconds: 0, status: 'ready', refreshAfterMs: 1_000 };
  if (state.status !== 'open') return { seq, position: ahead, etaSeconds: null, status: state.status === 'paused' ? 'paused' : 'waiting', refreshAfterMs: 5_000 };
  const eta = etaSeconds(ahead, state.admitRatePerMinute);
  return { seq, position: ahead, etaSeconds: eta, status: 'waiting', refreshAfterMs: refreshAfterMs(eta) };
}
