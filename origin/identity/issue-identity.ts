import type { IdentityResponse } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import { GUEST_ID_PREFIX } from './user-id.js';

/** A fresh guest's user id; nothing exists for it until `issueIdentity` signs its id token. */
export function newGuestId(deps: Pick<OriginDeps, 'ids'>): string {
  return deps.ids.next(GUEST_ID_PREFIX);
}

/**
 * Signs the id token of the built-in identity provider, as `POST /api/auth/guest`, the login and
 * the one-request join answer it: guests are stateless, so this signature is their whole creation.
 */
export async function issueIdentity(
  deps: Pick<OriginDeps, 'tokens' | 'settings'>,
  userId: string,
  kind: 'guest' | 'member',
  displayName?: string,
): Promise<IdentityResponse> {
  const payload = { sub: userId, idk: kind, ...(displayName !== undefined && { name: displayName }) };
  const { token, expiresAt } = await deps.tokens.sign('id', payload, deps.settings.idTokenSeconds);
  return { idToken: token, userId, kind, ...(displayName !== undefined && { displayName }), expiresAt: new Date(expiresAt).toISOString() };
}
