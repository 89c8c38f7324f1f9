import { describe, expect, it } from 'vitest';
import type { JsonStorage } from '../storage/make-json-storage.js';
import { makeIdempotencyKeys, type PendingBooking } from './idempotency-keys.js';
import { newIdempotencyKey } from './new-idempotency-key.js';

function memoryStorage(): JsonStorage<PendingBooking> {
  const records = new Map<string, PendingBooking>();
  return { read: (key) => records.get(key), write: (key, value) => records.set(key, value), remove: (key) => records.delete(key) };
}

function counterKeys() {
  let next = 0;
  return () => `key-${++next}`;
}

describe('makeIdempotencyKeys', () => {
  it('reuses the key while the same request has no answer yet', () => {
    const keys = makeIdempotencyKeys(memoryStorage(), counterKeys());
    const request = { itemId: 'slot-10', quantity: 1 };
    expect(keys.keyFor('u1.drop-1', request)).toBe('key-1');
    expect(keys.keyFor('u1.drop-1', { ...request })).toBe('key-1');
  });

  it('starts a new attempt for another item or quantity', () => {
    const keys = makeIdempotencyKeys(memoryStorage(), counterKeys());
    expect(keys.keyFor('u1.drop-1', { itemId: 'slot-10', quantity: 1 })).toBe('key-1');
    expect(keys.keyFor('u1.drop-1', { itemId: 'slot-11', quantity: 1 })).toBe('key-2');
    expect(keys.keyFor('u1.drop-1', { itemId: 'slot-11', quantity: 2 })).toBe('key-3');
  });

  it('starts a new attempt once the previous one was answered', () => {
    const keys = makeIdempotencyKeys(memoryStorage(), counterKeys());
    const request = { itemId: 'slot-10', quantity: 1 };
    keys.keyFor('u1.drop-1', request);
    keys.settle('u1.drop-1');
    expect(keys.keyFor('u1.drop-1', request)).toBe('key-2');
  });

  it('keeps attempts of different events apart', () => {
    const keys = makeIdempotencyKeys(memoryStorage(), counterKeys());
    const request = { itemId: 'a', quantity: 1 };
    expect(keys.keyFor('u1.drop-1', request)).not.toBe(keys.keyFor('u1.drop-2', request));
  });
});

describe('newIdempotencyKey', () => {
  it('makes v4 UUIDs the server accepts as an Idempotency-Key', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});
