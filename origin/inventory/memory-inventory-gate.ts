import type { GateItem, GateSnapshot, InventoryGate, ReserveResult } from './inventory-gate.js';

interface EventInventory {
  items: Map<string, { capacity: number; booked: number; perUserLimit: number }>;
  held: Map<string, number>;
  idempotency: Map<string, { bookingId: string; fingerprint: string }>;
}

const heldKey = (itemId: string, userId: string): string => `${itemId}\u0000${userId}`;
const idemKey = (userId: string, key: string): string => `${userId}\u0000${key}`;

/** In-process adapter: the embedded default and the reference the Lua scripts mirror. */
export function createMemoryInventoryGate(): InventoryGate {
  const events = new Map<string, EventInventory>();

  return {
    async isLoaded(eventId) {
      return events.has(eventId);
    },

    async load(eventId, snapshot: GateSnapshot) {
      events.set(eventId, {
        items: new Map(snapshot.items.map((item) => [item.id, { capacity: item.capacity, booked: item.booked, perUserLimit: item.perUserLimit }])),
        held: new Map(snapshot.held),
        idempotency: new Map(snapshot.idempotency),
      });
    },

    async defineItems(eventId, items: GateItem[]) {
      let inventory = events.get(eventId);
      if (!inventory) {
        inventory = { items: new Map(), held: new Map(), idempotency: new Map() };
        events.set(eventId, inventory);
      }
      for (const item of items) {
        const current = inventory.items.get(item.id);
        inventory.items.set(item.id, { capacity: item.capacity, perUserLimit: item.perUserLimit, booked: current?.booked ?? 0 });
      }
    },

    async reserve(request): Promise<ReserveResult> {
      const inventory = events.get(request.eventId);
      if (!inventory) return { kind: 'not_loaded' };
      const scope = idemKey(request.userId, request.idempotencyKey);
      const previous = inventory.idempotency.get(scope);
      if (previous) {
        return previous.fingerprint === request.fingerprint ? { kind: 'replay', bookingId: previous.bookingId } : { kind: 'mismatch' };
      }
      const item = inventory.items.get(request.itemId);
      if (!item) return { kind: 'unknown_item' };
      const key = heldKey(request.itemId, request.userId);
      const held = inventory.held.get(key) ?? 0;
      if (held + request.quantity > item.perUserLimit) return { kind: 'limit_reached', held };
      if (item.booked + request.quantity > item.capacity) return { kind: 'sold_out' };
      item.booked += request.quantity;
      inventory.held.set(key, held + request.quantity);
      inventory.idempotency.set(scope, { bookingId: request.bookingId, fingerprint: request.fingerprint });
      return { kind: 'reserved', remaining: item.capacity - item.booked };
    },

    async release(request) {
      const inventory = events.get(request.eventId);
      const item = inventory?.items.get(request.itemId);
      if (!inventory || !item) return;
      item.booked = Math.max(0, item.booked - request.quantity);
      const key = heldKey(request.itemId, request.userId);
      const held = (inventory.held.get(key) ?? 0) - request.quantity;
      if (held > 0) inventory.held.set(key, held);
      else inventory.held.delete(key);
      if (request.idempotencyKey) inventory.idempotency.delete(idemKey(request.userId, request.idempotencyKey));
    },

    async availability(eventId) {
      const result = new Map<string, { capacity: number; booked: number }>();
      for (const [id, item] of events.get(eventId)?.items ?? []) result.set(id, { capacity: item.capacity, booked: item.booked });
      return result;
    },
  };
}
