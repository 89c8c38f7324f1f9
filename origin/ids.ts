import { randomBytes } from 'node:crypto';

/** Injected so tests can predict ids. */
export interface IdGenerator {
  next(prefix: string): string;
}

/** Time-ordered, unguessable ids: `<prefix>_<ms base36><80 random bits base32-ish>`. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next(prefix) {
      return `${prefix}_${now().toString(36)}${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x')}`;
    },
  };
}
