import type { AdmitResponse } from '../../../core/index.js';
import { makeJsonStorage } from '../storage/make-json-storage.js';
import { hasFields } from '../storage/has-fields.js';

/** An access token won in the waiting room: it lets its holder book in this event until it expires. */
export type AccessPass = AdmitResponse;

/** Do not start a booking with a token that will expire on the way to the server. */
const EXPIRY_MARGIN_MS = 5_000;

const storage = makeJsonStorage<AccessPass>('local', 'access', (value): value is AccessPass =>
  hasFields(value, { accessToken: 'string', expiresAt: 'string' }),
);

const key = (eventId: string, userId: string) => `${userId}.${eventId}`;

export const accessPassStore = {
  /** The pass for this event and user if it is still valid, else undefined (and forgotten). */
  read(eventId: string, userId: string): AccessPass | undefined {
    const pass = storage.read(key(eventId, userId));
    if (!pass) return undefined;
    if (Date.parse(pass.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return pass;
    storage.remove(key(eventId, userId));
    return undefined;
  },
  save: (eventId: string, userId: string, pass: AccessPass) => storage.write(key(eventId, userId), pass),
  forget: (eventId: string, userId: string) => storage.remove(key(eventId, userId)),
};
