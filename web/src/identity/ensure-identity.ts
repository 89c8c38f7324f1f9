import { createGuest } from './identity-api.js';
import { identityStore, type Identity } from './identity-store.js';

let guestInFlight: Promise<Identity> | undefined;

export interface EnsureIdentityOptions {
  membersOnly: boolean;
  /**
   * How a guest is minted when one is needed: `POST /api/auth/guest` unless the caller mints it
   * along with something else (the waiting room's one-request join).
   */
  mintGuest?: () => Promise<Identity>;
}

/**
 * The identity a page needs, creating a guest when there is none. Resolves `undefined` when the
 * page needs a member and this browser is a guest or nobody: the caller sends them to /login.
 */
export async function ensureIdentity(options: EnsureIdentityOptions): Promise<Identity | undefined> {
  const current = identityStore.current();
  if (options.membersOnly) return current?.kind === 'member' ? current : undefined;
  if (current) return current;
  // Two components asking at once must not mint two guests (guest creation is rate-limited per IP).
  guestInFlight ??= (options.mintGuest ?? createGuest)()
    .then((identity) => {
      identityStore.save(identity);
      return identity;
    })
    .finally(() => {
      guestInFlight = undefined;
    });
  return guestInFlight;
}

/** Where to send a visitor who must log in first, coming back to `next` afterwards. */
export function loginPath(next: string, reason?: 'members_only'): string {
  const query = new URLSearchParams({ next });
  if (reason) query.set('reason', reason);
  return `/login?${query.toString()}`;
}
