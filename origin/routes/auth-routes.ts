import { Hono } from 'hono';
import { AppError, loginSchema, type IdentityResponse } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { validateJson } from '../http/validate-json.js';
import { hashPassword, verifyPassword } from '../identity/password-hash.js';
import { GUEST_ID_PREFIX } from '../identity/user-id.js';

/** The built-in identity provider: anonymous guests and the demo members. */
export function authRoutes(deps: OriginDeps) {
  // Verifying against a throwaway hash keeps unknown user names as slow as wrong passwords.
  const decoy = hashPassword('decoy-password');

  const issue = async (userId: string, kind: 'guest' | 'member', displayName?: string): Promise<IdentityResponse> => {
    const payload = { sub: userId, idk: kind, ...(displayName !== undefined && { name: displayName }) };
    const { token, expiresAt } = await deps.tokens.sign('id', payload, deps.settings.idTokenSeconds);
    return { idToken: token, userId, kind, ...(displayName !== undefined && { displayName }), expiresAt: new Date(expiresAt).toISOString() };
  };

  return new Hono<OriginEnv>()
    .post('/guest', async (c) => c.json(await issue(deps.ids.next(GUEST_ID_PREFIX), 'guest'), 201))
    .post('/login', validateJson(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const member = await deps.ledger.getMember(username.toLowerCase());
      const ok = await verifyPassword(password, member?.passwordHash ?? (await decoy));
      if (!member || !ok) throw new AppError('invalid_credentials');
      return c.json(await issue(member.username, 'member', member.displayName), 200);
    });
}
