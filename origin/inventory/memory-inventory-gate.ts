import type { GateRefusal, GateSnapshot, HeldReservation, InventoryGate, ItemAvailability, Reservation, ReserveRequest } from './inventory-gate.js';

interface EventInventory {
  items: Map<string, { capacity: number; booked: number; perUserLimit: number }>;
  /** Quantity per `${itemId}|${userId}`. */
  held: Map<string, number>;
  /** Booking per `${idempotencyKey}|${userId}`. */
  keys: Map<string, { bookingId: string; fingerprint: string }>;
  reservations: Map<string, Reservation>;
  /** Provisional reservations: booking id → until (ms). */
  provisional: Map<string, number>;
}

type Decision = GateRefusal | { kind: 'available'; remaining: number } | { kind: 'held'; remaining: number };

const heldKey = (itemId: string, userId: string): string => `${itemId}|${userId}`;
const scopeKey = (key: string, userId: string): string => `${key}|${userId}`;

/** In-process adapter: the embedded default, and the reference the Lua scripts mirror. */
export function createMemoryInventoryGate(): InventoryGate {
  const events = new Map<string, EventInventory>();

  const add = (inventory: EventInventory, reservation: Reservation): void => {
    const item = inventory.items.get(reservation.itemId);
    if (!item) return;
    item.booked += reservation.quantity;
    const key = heldKey(reservation.itemId, reservation.userId);
    inventory.held.set(key, (inventory.held.get(key) ?? 0) + reservation.quantity);
    const scope = scopeKey(reservation.idempotencyKey, reservation.userId);
    if (!inventory.keys.has(scope)) inventory.keys.set(scope, { bookingId: reservation.bookingId, fingerprint: reservation.fingerprint });
    inventory.reservations.set(reservation.bookingId, reservation);
  };

  /** lua/lib/release-reservation.lua */
  const remove = (inventory: EventInventory, bookingId: string, forgetKey: boolean): boolean => {
    inventory.provisional.delete(bookingId);
    const reservation = inventory.reservations.get(bookingId);
    if (!reservation) return false;
    const item = inventory.items.get(reservation.itemId);
    if (item) item.booked -= reservation.quantity;
    const key = heldKey(reservation.itemId, reservation.userId);
    const held = (inventory.held.get(key) ?? 0) - reservation.quantity;
    if (held > 0) inventory.held.set(key, held);
    else inventory.held.delete(key);
    inventory.reservations.delete(bookingId);
    const scope = scopeKey(reservation.idempotencyKey, reservation.userId);
    if (forgetKey && inventory.keys.get(scope)?.bookingId === bookingId) inventory.keys.delete(scope);
    return true;
  };

  const expire = (inventory: EventInventory, now: number): number => {
    const due = [...inventory.provisional].filter(([, until]) => until <= now).map(([bookingId]) => bookingId);
    for (const bookingId of due) remove(inventory, bookingId, true);
    return due.length;
  };

  /** lua/lib/decide.lua */
  const decide = (inventory: EventInventory, request: ReserveRequest): Decision => {
    const item = inventory.items.get(request.itemId);
    const left = item ? item.capacity - item.booked : 0;
    const previous = inventory.keys.get(scopeKey(request.idempotencyKey, request.userId));
    if (previous) {
      if (previous.bookingId === request.bookingId) return { kind: 'held', remaining: left };
      return previous.fingerprint === request.fingerprint ? { kind: 'replay', bookingId: previous.bookingId } : { kind: 'mismatch' };
    }
    if (!item) return { kind: 'unknown_item' };
    const held = inventory.held.get(heldKey(request.itemId, request.userId)) ?? 0;
    if (held + request.quantity > item.perUserLimit) return { kind: 'limit_reached', held };
    if (request.quantity > left) {
      let inFlight = 0;
      for (const bookingId of inventory.provisional.keys()) {
        const held = inventory.reservations.get(bookingId);
        if (held?.itemId === request.itemId) inFlight += held.quantity;
      }
      return request.quantity <= left + inFlight ? { kind: 'places_held' } : { kind: 'sold_out' };
    }
    return { kind: 'available', remaining: left - request.quantity };
  };

  return {
    async isLoaded(eventId) {
      return events.has(eventId);
    },

    async load(eventId, snapshot: GateSnapshot) {
      if (events.has(eventId)) return false;
      const inventory: EventInventory = {
        items: new Map(snapshot.items.map((item) => [item.id, { capacity: item.capacity, perUserLimit: item.perUserLimit, booked: 0 }])),
        held: new Map(),
        keys: new Map(),
        reservations: new Map(),
        provisional: new Map(),
      };
      for (const reservation of snapshot.reservations) add(inventory, reservation);
      for (const spent of snapshot.spentKeys) {
        const scope = scopeKey(spent.idempotencyKey, spent.userId);
        if (!inventory.keys.has(scope)) inventory.keys.set(scope, { bookingId: spent.bookingId, fingerprint: spent.fingerprint });
      }
      events.set(eventId, inventory);
      return true;
    },

    async reserve(request, { now, until }) {
      const inventory = events.get(request.eventId);
      if (!inventory) return { kind: 'not_loaded' };
      expire(inventory, now);
      const decision = decide(inventory, request);
      if (decision.kind === 'held') {
        if (until === undefined) inventory.provisional.delete(request.bookingId);
        return { kind: 'reserved', remaining: decision.remaining };
      }
      if (decision.kind !== 'available') return decision;
      const { eventId: _eventId, ...reservation } = request;
      add(inventory, reservation);
      if (until !== undefined) inventory.provisional.set(request.bookingId, until);
      return { kind: 'reserved', remaining: decision.remaining };
    },

    async release({ eventId, bookingId, forgetKey }) {
      const inventory = events.get(eventId);
      return inventory ? remove(inventory, bookingId, forgetKey) : false;
    },

    async expire(eventId, now) {
      const inventory = events.get(eventId);
      return inventory ? expire(inventory, now) : 0;
    },

    async hold(eventId, reservations) {
      const inventory = events.get(eventId);
      if (!inventory) return 0;
      let added = 0;
      for (const reservation of reservations) {
        if (inventory.reservations.has(reservation.bookingId) || !inventory.items.has(reservation.itemId)) continue;
        add(inventory, reservation);
        added += 1;
      }
      return added;
    },

    async availability(eventId) {
      const inventory = events.get(eventId);
      const result = new Map<string, ItemAvailability>();
      for (const [id, item] of inventory?.items ?? []) result.set(id, { capacity: item.capacity, booked: item.booked, provisional: 0 });
      for (const bookingId of inventory?.provisional.keys() ?? []) {
        const reservation = inventory?.reservations.get(bookingId);
        const entry = reservation && result.get(reservation.itemId);
        if (entry) entry.provisional += reservation.quantity;
      }
      return result;
    },

    async reservations(eventId) {
      const inventory = events.get(eventId);
      const result = new Map<string, HeldReservation>();
      for (const [bookingId, reservation] of inventory?.reservations ?? []) {
        const until = inventory?.provisional.get(bookingId);
        result.set(bookingId, until === undefined ? reservation : { ...reservation, until });
      }
      return result;
    },
  };
}
