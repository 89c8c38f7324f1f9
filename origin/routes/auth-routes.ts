import { Hono } from 'hono';
import { AppError, loginSchema } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { validateJson } from '../http/validate-json.js';
import { issueIdentity, newGuestId } from '../identity/issue-identity.js';
import { hashPassword, verifyPassword } from '../identity/password-hash.js';

/** The built-in identity provider: anonymous guests and the demo members. */
export function authRoutes(deps: OriginDeps) {
  // Verifying against a throwaway hash keeps unknown user names as slow as wrong passwords.
  const decoy = hashPassword('decoy-password');

  return new Hono<OriginEnv>()
    .post('/guest', async (c) => c.json(await issueIdentity(deps, newGuestId(deps), 'guest'), 201))
    .post('/login', validateJson(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const member = await deps.ledger.getMember(username.toLowerCase());
      const ok = await verifyPassword(password, member?.passwordHash ?? (await decoy));
      if (!member || !ok) throw new AppError('invalid_credentials');
      return c.json(await issueIdentity(deps, member.username, 'member', member.displayName), 200);
    });
}
