/**
 * The admission queue port (DESIGN.md §3). Adapters: memory (embedded default), Redis (ioredis)
 * and Upstash (REST); `admission-queue.contract.ts` holds all three to the same behaviour. Every
 * method takes `now` (ms) from the caller's injected clock, so the lazy, leaderless advance is
 * deterministic under test and identical across origin instances.
 */
/** The `Retry-After` of an admit turned away at capacity (seconds). */
export const AT_CAPACITY_RETRY_SECONDS = 2;
/**
 * How long a visitor turned away at capacity keeps their claim on the next free session after
 * each ask (ms): long enough to come back after `Retry-After` through a /status poll and an
 * admit that take seconds each while a flash crowd loads the stack.
 */
export const CAPACITY_CLAIM_MS = 30_000;

export interface QueueSettings {
  newUsersPerMinute: number;
  maxActiveUsers: number;
  sessionSeconds: number;
  queueAll: boolean;
  /** Event start (ms); before it, joiners register in the pre-queue without a place. */
  startsAt: number;
}

export interface QueueFlags {
  paused?: boolean;
  closed?: boolean;
  soldout?: boolean;
}

/** The durable part of a queue, kept in the ledger (docs/decisions/0005-queue-checkpoints.md). */
export interface QueueCheckpoint {
  /** Highest seq that may have been handed out: the reservation, not the last seq issued. */
  tailSeq: number;
  servingSeq: number;
  admitted: number;
  drawn: boolean;
}

export interface QueueSnapshot {
  /** Whether the event's queue exists in this store (false after a wipe or before configure). */
  exists: boolean;
  tailSeq: number;
  servingSeq: number;
  /** Highest seq `join` may hand out before a `reserve`; null when unlimited (never restored). */
  reservedSeq: number | null;
  paused: boolean;
  closed: boolean;
  soldout: boolean;
  /** Whether the pre-queue has been drawn into places (always true for events with no pre-queue joins). */
  drawn: boolean;
  prequeued: number;
  active: number;
  admitted: number;
  settings: QueueSettings | null;
}

/** The line as it stands right after a join: enough for the waiting room's first screen. */
export interface LineAfterJoin {
  servingSeq: number;
  tailSeq: number;
  soldout: boolean;
}

export type JoinResult =
  | ({ kind: 'placed'; seq: number; created: boolean } & LineAfterJoin)
  | ({ kind: 'prequeued'; created: boolean } & LineAfterJoin)
  | { kind: 'draw_pending' }
  /** The next seq lies past `reservedSeq`: checkpoint a higher tail, `reserve` it, join again. */
  | { kind: 'reserve_needed'; tailSeq: number }
  | { kind: 'closed' }
  | { kind: 'soldout' }
  /** The store does not hold the event's queue (a wipe, or never configured): restore, join again. */
  | { kind: 'missing' };

export type AdmitResult =
  | { kind: 'admitted'; expiresAt: number; renewed: boolean }
  | { kind: 'not_ready'; servingSeq: number }
  | { kind: 'at_capacity' }
  | { kind: 'closed' }
  | { kind: 'soldout' };

export interface AdmissionQueue {
  /** Creates or updates an event's settings; never resets places or sessions. */
  configure(eventId: string, settings: QueueSettings): Promise<void>;
  setFlags(eventId: string, flags: QueueFlags, now: number): Promise<void>;
  /**
   * One place per identity: a rejoin returns the same seq. Advances the queue first; a place
   * comes with the line after the join, so the caller needs no second read.
   */
  join(eventId: string, userId: string, now: number): Promise<JoinResult>;
  /** Advances lazily (rate × elapsed, capped by active sessions), then reads. */
  advance(eventId: string, now: number): Promise<QueueSnapshot>;
  /** What `advance` would answer at `now`, writing nothing: the read path's view of the queue. */
  peek(eventId: string, now: number): Promise<QueueSnapshot>;
  /**
   * Admits in seq order: a visitor turned away `at_capacity` holds a claim on the next free
   * session (`CAPACITY_CLAIM_MS` after each ask), so nobody behind them takes it first.
   */
  admit(eventId: string, userId: string, seq: number, now: number): Promise<AdmitResult>;
  /** A finished booking frees its session before it expires. */
  complete(eventId: string, userId: string): Promise<void>;
  /** Registrants of the pre-queue, in registration order. */
  prequeueMembers(eventId: string): Promise<string[]>;
  /**
   * Assigns the next places (1..N on a fresh queue) in the given order; registrants left out lose
   * their registration. A no-op if already drawn. Returns whether it applied. Throws if the
   * reservation cannot cover every given id (the caller reserves first).
   */
  draw(eventId: string, orderedUserIds: string[]): Promise<boolean>;
  /**
   * Resumes a queue from its durable checkpoint (after a store loss, or on creation with zeros):
   * counters only move forward, the rate restarts at `now` (no burst for the time the store was
   * gone), and `join` hands out no seq past `checkpoint.tailSeq` until `reserve` raises the limit,
   * so a seq is never reused.
   */
  restore(eventId: string, checkpoint: QueueCheckpoint, now: number): Promise<void>;
  /** Raises the reservation to `upToSeq` (never lowers it); call only once the ledger holds it. */
  reserve(eventId: string, upToSeq: number): Promise<void>;
}
