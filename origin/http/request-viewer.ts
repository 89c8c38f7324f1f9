import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from './env.js';
import { presentsCredentials } from './request-bearer.js';
import { requireIdentity } from './require-identity.js';

/**
 * The client address the edge forwards: it sets `x-forwarded-for` to the address it saw, replacing
 * whatever the client sent (edge/routes/origin-proxy.ts). Kept only as a hash.
 */
export function addressViewer(c: Context): string {
  const address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
  return `ip:${createHash('sha256').update(address).digest('base64url').slice(0, 22)}`;
}

/** The signed-in viewer (a token sent must be valid), or undefined for an anonymous one. */
export async function signedInViewer(deps: OriginDeps, c: Context<OriginEnv, string>): Promise<string | undefined> {
  if (!presentsCredentials(c)) return undefined;
  await requireIdentity(deps)(c, async () => undefined);
  return `u:${c.get('idClaims').sub}`;
}

/** Who a viewer's beacon counts as: the id token's subject, else the browser's random `viewerId`, else the hashed address. */
export async function beaconViewer(deps: OriginDeps, c: Context<OriginEnv, string>, viewerId: string | undefined): Promise<string> {
  return (await signedInViewer(deps, c)) ?? (viewerId ? `a:${viewerId}` : addressViewer(c));
}
