/**
 * User ids are namespaced by who vouches for them, so the id alone says what kind of identity it
 * is (access tokens carry only the id): `guest_…` for our anonymous guests, `oidc:…` for users of
 * the configured external OpenID Connect provider, anything else a built-in member's user name.
 */
export const GUEST_ID_PREFIX = 'guest';

export function isGuestUserId(userId: string): boolean {
  return userId.startsWith(`${GUEST_ID_PREFIX}_`);
}

/** The id of an external provider's user: its `sub`, namespaced so it can never pass for ours. */
export function externalUserId(sub: string): string {
  return `oidc:${sub}`;
}
