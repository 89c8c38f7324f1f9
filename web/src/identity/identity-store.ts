import { createSignal } from 'solid-js';
import type { IdentityResponse } from '../../../core/index.js';
import { clearAppStorage, makeJsonStorage } from '../storage/make-json-storage.js';
import { hasFields } from '../storage/has-fields.js';

export type Identity = IdentityResponse;

/** Drop an identity a little before it expires so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

const storage = makeJsonStorage<Identity>('local', 'identity', isIdentity);
const [stored, setStored] = createSignal<Identity | undefined>(storage.read('current'));

// Another tab logged in or out: follow it, so both tabs act as the same person.
globalThis.addEventListener?.('storage', (event) => {
  if (event.key === null || event.key.endsWith('identity.current')) setStored(storage.read('current'));
});

/** Who this browser is: a guest or a demo member, kept in localStorage across visits. */
export const identityStore = {
  /** The current identity if it is still valid; reactive. */
  current(): Identity | undefined {
    const identity = stored();
    if (!identity) return undefined;
    return Date.parse(identity.expiresAt) - EXPIRY_MARGIN_MS > Date.now() ? identity : undefined;
  },
  save(identity: Identity): void {
    storage.write('current', identity);
    setStored(identity);
  },
  /** Log out: forget the identity and every token held for it. */
  forget(): void {
    clearAppStorage();
    setStored(undefined);
  },
};

function isIdentity(value: unknown): value is Identity {
  return (
    hasFields(value, { idToken: 'string', userId: 'string', kind: 'string', expiresAt: 'string' }) &&
    (value.kind === 'guest' || value.kind === 'member')
  );
}
