/**
 * The inventory gate port: the fast, atomic "may this booking happen" check in front of the
 * ledger (capacity, per-user limit, Idempotency-Key). Adapters: memory (embedded default), Redis
 * over TCP and Upstash over REST (one set of Lua scripts); `inventory-gate.contract.ts` holds all
 * three to the same behaviour. The ledger stays the source of truth: a gate with no state for an
 * event (a wipe, a new process) is rebuilt from it with `load` before it answers again.
 *
 * Every place the gate counts is a reservation named by its booking id, so releasing is
 * idempotent: a retried release, or a reconciler racing the request, frees a place at most once.
 * A reservation may start provisional: it drops itself at its deadline unless made firm, so a
 * request that dies before journaling its attempt in the ledger cannot hold a place for good.
 */
export interface GateItem {
  id: string;
  capacity: number;
  perUserLimit: number;
}

/** One held place: a confirmed booking, or an attempt in flight. */
export interface Reservation {
  bookingId: string;
  itemId: string;
  userId: string;
  quantity: number;
  idempotencyKey: string;
  /** Hash of the request body: the same key with another body is a 422. */
  fingerprint: string;
}

/** An idempotency key whose booking holds no place any more (cancelled): it still replays. */
export type SpentKey = Pick<Reservation, 'bookingId' | 'userId' | 'idempotencyKey' | 'fingerprint'>;

/** An event's gate state as rebuilt from the ledger; counts follow from the reservations. */
export interface GateSnapshot {
  items: GateItem[];
  reservations: Reservation[];
  spentKeys: SpentKey[];
}

export type ReserveRequest = Reservation & { eventId: string };

export interface ReserveOptions {
  /** ms, from the caller's clock: provisional reservations due by then are dropped first. */
  now: number;
  /**
   * ms: reserve provisionally; the reservation drops itself then unless the same booking id
   * reserves again without `until` before (which makes it firm). Omit to reserve firmly.
   */
  until?: number;
}

/** A reservation the gate holds; `until` when it is still provisional. */
export type HeldReservation = Reservation & { until?: number };

/** Why a booking is refused, or who already holds the key. */
export type GateRefusal =
  | { kind: 'replay'; bookingId: string }
  | { kind: 'mismatch' }
  | { kind: 'sold_out' }
  /** What is missing is held by provisional reservations still in flight: they may fall through. */
  | { kind: 'places_held' }
  | { kind: 'limit_reached'; held: number }
  | { kind: 'unknown_item' }
  | { kind: 'not_loaded' };

/** `remaining`: what is left of the item once this request holds its places. */
export type ReserveResult = GateRefusal | { kind: 'reserved'; remaining: number };

export interface ReleaseRequest {
  eventId: string;
  bookingId: string;
  /**
   * `true` for an attempt that never became a booking: its Idempotency-Key may be used again.
   * `false` for a cancelled booking: the key keeps replaying it.
   */
  forgetKey: boolean;
}

export interface InventoryGate {
  /** Whether the gate holds state for this event (false after a wipe or in a new process). */
  isLoaded(eventId: string): Promise<boolean>;
  /**
   * Installs a snapshot rebuilt from the ledger, atomically and only if the event is not loaded:
   * of concurrent rebuilds exactly one lands (true), the others change nothing (false).
   */
  load(eventId: string, snapshot: GateSnapshot): Promise<boolean>;
  /**
   * Reserves atomically unless the key is taken, the user is at the limit or the item is sold
   * out. Idempotent per booking id: asking again for a reservation the gate holds answers
   * `reserved` without counting it twice (and makes a provisional one firm unless `until` is given).
   */
  reserve(request: ReserveRequest, options: ReserveOptions): Promise<ReserveResult>;
  /** Frees the booking's places if the gate holds them; false if it did not (nothing changed). */
  release(request: ReleaseRequest): Promise<boolean>;
  /** Drops the provisional reservations due by `now`, as if released with `forgetKey`; returns how many. */
  expire(eventId: string, now: number): Promise<number>;
  /**
   * Adds ledger-confirmed reservations the gate lacks (a rebuild that missed them), without a
   * capacity check: the ledger already holds these places. Returns how many were added.
   */
  hold(eventId: string, reservations: Reservation[]): Promise<number>;
  /** Capacity and held quantity per item; empty when the event is not loaded. */
  availability(eventId: string): Promise<Map<string, ItemAvailability>>;
  /** Every reservation the gate holds, by booking id (for reconciliation). */
  reservations(eventId: string): Promise<Map<string, HeldReservation>>;
}

export interface ItemAvailability {
  capacity: number;
  /** Places held, firm and provisional. */
  booked: number;
  /** The part of `booked` held provisionally (requests not journaled in the ledger yet). */
  provisional: number;
}

/** The snapshot of an event nobody has booked yet. */
export const emptySnapshot = (items: GateItem[]): GateSnapshot => ({ items, reservations: [], spentKeys: [] });
