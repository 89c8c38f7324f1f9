/**
 * The inventory gate port: the fast, atomic "may this booking happen" check in front of the
 * ledger. Adapters: memory (embedded default) and Redis Lua. The ledger stays the source of
 * truth; the gate is rebuilt from it (`load`) when it has no state for an event.
 */
export interface GateItem {
  id: string;
  capacity: number;
  perUserLimit: number;
}

export interface GateSnapshot {
  items: { id: string; capacity: number; booked: number; perUserLimit: number }[];
  /** Quantity per `${itemId}\u0000${userId}`. */
  held: Map<string, number>;
  /** Confirmed bookings by idempotency scope (`${userId}\u0000${key}`). */
  idempotency: Map<string, { bookingId: string; fingerprint: string }>;
}

export interface ReserveRequest {
  eventId: string;
  itemId: string;
  userId: string;
  quantity: number;
  idempotencyKey: string;
  /** Hash of the request body: the same key with another body is a 422. */
  fingerprint: string;
  /** Booking id to use if this reservation is new. */
  bookingId: string;
}

export type ReserveResult =
  | { kind: 'reserved'; remaining: number }
  | { kind: 'replay'; bookingId: string }
  | { kind: 'mismatch' }
  | { kind: 'sold_out' }
  | { kind: 'limit_reached'; held: number }
  | { kind: 'unknown_item' }
  | { kind: 'not_loaded' };

export interface ReleaseRequest {
  eventId: string;
  itemId: string;
  userId: string;
  quantity: number;
  idempotencyKey?: string;
}

export interface InventoryGate {
  /** Whether the gate holds state for this event (false after a wipe: rebuild with `load`). */
  isLoaded(eventId: string): Promise<boolean>;
  /** Replaces the event's state with a snapshot rebuilt from the ledger. */
  load(eventId: string, snapshot: GateSnapshot): Promise<void>;
  /** Adds items (or raises capacities) without touching counts. */
  defineItems(eventId: string, items: GateItem[]): Promise<void>;
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  release(request: ReleaseRequest): Promise<void>;
  availability(eventId: string): Promise<Map<string, { capacity: number; booked: number }>>;
}
