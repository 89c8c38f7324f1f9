/** What one visit reports as it goes; the native runner keeps it all, Artillery only counts it. */

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

/** The port a journey writes to (`journal/visitor-journal.ts` keeps it, `artillery/artillery-log.ts` counts it). */
export interface JourneyLog {
  /** Milliseconds since the run started; one clock for every thread of a run. */
  now: () => number;
  newVisitor(): VisitorRecord;
  joined(visitor: VisitorRecord, userId: string, seq: number | null): void;
  asked(visitor: VisitorRecord, ask: AdmitAsk): void;
  booked(visitor: VisitorRecord, booking: SeenBooking): void;
  replayed(check: ReplayCheck): void;
  /** `event` for event-level sold_out answers (join, admit, status), else the item id. */
  soldOut(scope: string): void;
  /** Returns undefined so a journey can `return log.finish(...)` from a function that may yield a token. */
  finish(visitor: VisitorRecord, outcome: Outcome): undefined;
  /** An error thrown inside a journey: a bug of the tool, kept so one bad visitor cannot sink the run. */
  crashed(visitor: VisitorRecord, error: unknown): void;
}
