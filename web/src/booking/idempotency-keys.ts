import type { BookingRequest } from '../../../core/index.js';
import { makeJsonStorage, type JsonStorage } from '../storage/make-json-storage.js';
import { hasFields } from '../storage/has-fields.js';
import { newIdempotencyKey } from './new-idempotency-key.js';

/** A booking request whose answer we have not seen yet, with the key it was sent under. */
export interface PendingBooking extends BookingRequest {
  key: string;
}

export interface IdempotencyKeys {
  /** The key to send: the pending one when retrying the very same request, else a fresh one. */
  keyFor(scope: string, request: BookingRequest): string;
  /** The server answered definitively (booked, or refused): the next attempt is a new one. */
  settle(scope: string): void;
}

/**
 * One key per booking attempt, reused until a definitive answer arrives. A retry after a dropped
 * connection (even after a reload: the pending key is in sessionStorage) then replays the first
 * request instead of booking twice; a different item or quantity is a new attempt with a new key,
 * since reusing a key for another request is refused (`idempotency_mismatch`).
 */
export function makeIdempotencyKeys(
  storage: JsonStorage<PendingBooking>,
  newKey: () => string = newIdempotencyKey,
): IdempotencyKeys {
  return {
    keyFor(scope, request) {
      const pending = storage.read(scope);
      if (pending && pending.itemId === request.itemId && pending.quantity === request.quantity) return pending.key;
      const key = newKey();
      storage.write(scope, { key, itemId: request.itemId, quantity: request.quantity });
      return key;
    },
    settle(scope) {
      storage.remove(scope);
    },
  };
}

export const idempotencyKeys = makeIdempotencyKeys(
  makeJsonStorage('session', 'booking-attempt', (value): value is PendingBooking =>
    hasFields(value, { key: 'string', itemId: 'string', quantity: 'number' }),
  ),
);
