import { decodeJwt } from 'jose';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from './env.js';
import { requestBearer } from './request-bearer.js';

/** Larger than any id token we or a provider like Cognito issue; nothing bigger is parsed. */
const MAX_ID_TOKEN_LENGTH = 8_192;

/** The token's unverified issuer, only to pick the verifier; a forged `iss` just fails that one. */
function claimedIssuer(token: string): unknown {
  if (token.length > MAX_ID_TOKEN_LENGTH) throw new AppError('invalid_token', { detail: 'token is malformed' });
  try {
    return decodeJwt(token).iss;
  } catch {
    throw new AppError('invalid_token', { detail: 'token is malformed' });
  }
}

/**
 * Who the caller is: our own id token (guests and built-in members) or, when an external OpenID
 * Connect provider is configured, its id token. Either way the handler sees `idClaims`.
 */
export function requireIdentity(deps: Pick<OriginDeps, 'tokens' | 'oidc'>) {
  return createMiddleware<OriginEnv>(async (c, next) => {
    const token = requestBearer(c);
    const external = deps.oidc !== undefined && claimedIssuer(token) === deps.oidc.issuer;
    c.set('idClaims', external ? await deps.oidc!.verify(token) : await deps.tokens.verify('id', token));
    await next();
  });
}
