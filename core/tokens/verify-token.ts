import { compactVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../errors/index.js';
import { JWT_SHAPE, MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, type ClaimsByKind, type TokenKind } from './claims.js';
import { checkClaims, checkProtectedHeader, type VerifyOptions } from './check-claims.js';

const algorithms = [TOKEN_ALGORITHM];

/**
 * Verifies a compact JWS of the given kind with jose and Web Crypto (any runtime): the signature
 * with the `alg` pinned and the key picked by `kid`, then `checkClaims`. Failures become
 * `invalid_token` (401) or `wrong_token_type` (403); messages never echo the token.
 */
export async function verifyToken<K extends TokenKind>(
  kind: K,
  token: string,
  getKey: JWTVerifyGetKey,
  options: VerifyOptions,
): Promise<ClaimsByKind[K]> {
  if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) {
    throw new AppError('invalid_token', { detail: 'token is malformed' });
  }
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(token, getKey, { algorithms });
  } catch (error) {
    // An outage while loading keys (503) stays one; everything else is a bad token.
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_token', { cause: error });
  }
  checkProtectedHeader(verified.protectedHeader);
  return checkClaims(kind, verified.protectedHeader.typ, verified.payload, options);
}

/** Throws `wrong_event` unless the token was issued for this event. */
export function assertEvent(claims: { evt: string }, eventId: string): void {
  if (claims.evt !== eventId) throw new AppError('wrong_event');
}
