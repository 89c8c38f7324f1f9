/** Every key this app writes starts with this, so logging out can clear them all and nothing else. */
export const STORAGE_PREFIX = 'banjjak.';

export interface JsonStorage<T> {
  read(key: string): T | undefined;
  write(key: string, value: T): void;
  remove(key: string): void;
}

/**
 * Typed JSON records in localStorage or sessionStorage. Storage may be missing or full (private
 * browsing, quota), and old records may have another shape: all of that reads as "nothing stored"
 * rather than an exception, because every record here can be fetched again from the server.
 */
export function makeJsonStorage<T>(
  area: 'local' | 'session',
  namespace: string,
  isValid: (value: unknown) => value is T,
): JsonStorage<T> {
  const fullKey = (key: string) => `${STORAGE_PREFIX}${namespace}.${key}`;
  return {
    read(key) {
      try {
        const raw = storageArea(area)?.getItem(fullKey(key));
        if (raw == null) return undefined;
        const value: unknown = JSON.parse(raw);
        return isValid(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        storageArea(area)?.setItem(fullKey(key), JSON.stringify(value));
      } catch {
        // Quota or privacy mode: the app keeps working, it just forgets on reload.
      }
    },
    remove(key) {
      try {
        storageArea(area)?.removeItem(fullKey(key));
      } catch {
        // See write().
      }
    },
  };
}

/** Removes every record this app stored, in both areas (used on log-out). */
export function clearAppStorage(): void {
  for (const area of ['local', 'session'] as const) {
    const storage = storageArea(area);
    if (!storage) continue;
    try {
      const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
      for (const key of keys) if (key?.startsWith(STORAGE_PREFIX)) storage.removeItem(key);
    } catch {
      // Nothing we can do; records are scoped by user id anyway.
    }
  }
}

function storageArea(area: 'local' | 'session'): Storage | undefined {
  try {
    return area === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
