import { Hono } from 'hono';
import pLimit from 'p-limit';
import { AppError, loginSchema } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { validateJson } from '../http/validate-json.js';
import { issueIdentity, newGuestId } from '../identity/issue-identity.js';
import { hashPassword, verifyPassword } from '../identity/password-hash.js';

/**
 * scrypt at N=2^17 takes about 128 MiB and a core for a fraction of a second: at most this many
 * logins run at once (the member read and the check), so logins cannot starve the token signing
 * that joins need, and at most `settings.loginQueue` wait; past that a login is refused 429 at once.
 */
const LOGIN_CONCURRENCY = 2;

/** The built-in identity provider: anonymous guests and the demo members. */
export function authRoutes(deps: OriginDeps) {
  // Verifying against a throwaway hash keeps unknown user names as slow as wrong passwords.
  const decoy = hashPassword('decoy-password');
  const scryptSlots = pLimit(LOGIN_CONCURRENCY);

  return new Hono<OriginEnv>()
    .post('/guest', async (c) => c.json(await issueIdentity(deps, newGuestId(deps), 'guest'), 201))
    .post('/login', validateJson(loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      if (scryptSlots.pendingCount >= deps.settings.loginQueue) throw new AppError('rate_limited', { detail: 'too many logins at once', headers: { 'retry-after': '2' } });
      const member = await scryptSlots(async () => {
        const found = await deps.ledger.getMember(username.toLowerCase());
        return (await verifyPassword(password, found?.passwordHash ?? (await decoy))) ? found : undefined;
      });
      if (!member) throw new AppError('invalid_credentials');
      return c.json(await issueIdentity(deps, member.username, 'member', member.displayName), 200);
    });
}
