import { performance } from 'node:perf_hooks';

export type AskResult = 'admitted' | 'at_capacity' | 'not_ready' | 'sold_out' | 'event_closed' | 'error';

/** One `POST /admit`, with the client-side times (ms since the run started) that bracket it. */
export interface AdmitAsk {
  sentAt: number;
  answeredAt: number;
  result: AskResult;
  /** The `servingSeq` a `not_ready` answer reported. */
  servingSeq?: number;
}

export type Outcome = 'booked' | 'sold_out' | 'closed' | 'limit_reached' | 'failed' | 'unfinished';

export interface VisitorRecord {
  id: number;
  userId?: string;
  seq: number | null;
  asks: AdmitAsk[];
  outcome?: Outcome;
}

/** A booking a client was told about with 201 (or 200 on a replay). */
export interface SeenBooking {
  bookingId: string;
  itemId: string;
  userId: string;
  quantity: number;
  idempotencyKey: string;
  status: number;
}

export interface ReplayCheck {
  idempotencyKey: string;
  firstBookingId: string;
  status: number;
  bookingId: string | undefined;
}

export type Journal = ReturnType<typeof createJournal>;

/** What the clients saw, kept to check the invariants against the ledger after the run. */
export function createJournal() {
  const startedAt = performance.now();
  const visitors: VisitorRecord[] = [];
  const bookings: SeenBooking[] = [];
  const replays: ReplayCheck[] = [];
  /** `event` for event-level sold_out answers (join, admit, state), else the item id. */
  const soldOutSeen = new Set<string>();
  const counts = { joined: 0, admitted: 0, booked: 0, done: 0 };
  /** Errors thrown inside a journey: bugs of the tool, kept so one bad visitor cannot sink the report. */
  const crashes: string[] = [];

  return {
    visitors,
    bookings,
    replays,
    soldOutSeen,
    counts,
    crashes,
    /** Milliseconds since the run started. */
    now: () => performance.now() - startedAt,
    newVisitor(): VisitorRecord {
      const visitor: VisitorRecord = { id: visitors.length + 1, seq: null, asks: [] };
      visitors.push(visitor);
      return visitor;
    },
    /** Returns undefined so a journey can `return journal.finish(...)` from a function that may yield a token. */
    finish(visitor: VisitorRecord, outcome: Outcome): undefined {
      if (visitor.outcome !== undefined) return undefined;
      visitor.outcome = outcome;
      counts.done += 1;
      return undefined;
    },
    outcomes(): Record<Outcome, number> {
      const out: Record<Outcome, number> = { booked: 0, sold_out: 0, closed: 0, limit_reached: 0, failed: 0, unfinished: 0 };
      for (const visitor of visitors) out[visitor.outcome ?? 'unfinished'] += 1;
      return out;
    },
  };
}
