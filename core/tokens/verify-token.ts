import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock.js';
import { AppError } from '../errors/index.js';
import {
  MAX_TOKEN_LENGTH,
  TOKEN_ALGORITHM,
  tokenTypes,
  type ClaimsByKind,
  type TokenKind,
  type TokenSettings,
} from './claims.js';

export interface VerifyOptions extends TokenSettings {
  clock: Clock;
  /** Seconds of clock skew tolerated between signer and verifier. */
  clockToleranceSeconds?: number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies a compact JWS of the given kind. Always pins algorithm, issuer, audience and typ.
 * Failures become `invalid_token` (401) or `wrong_token_type` (403); messages never echo the token.
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
  try {
    const { payload } = await jwtVerify(token, getKey, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: options.issuer,
      audience: options.audience,
      typ: tokenTypes[kind],
      clockTolerance: options.clockToleranceSeconds ?? 5,
      currentDate: new Date(options.clock.now()),
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    assertShape(kind, payload);
    return payload as unknown as ClaimsByKind[K];
  } catch (error) {
    throw toTokenError(error);
  }
}

function assertShape(kind: TokenKind, payload: Record<string, unknown>): void {
  const ok =
    typeof payload.sub === 'string' &&
    (kind === 'id' ||
      (typeof payload.evt === 'string' &&
        (kind === 'access' || payload.seq === null || Number.isSafeInteger(payload.seq))));
  if (!ok) throw new AppError('invalid_token', { detail: 'token claims are malformed' });
}

function toTokenError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'typ') {
    return new AppError('wrong_token_type', { cause: error });
  }
  if (error instanceof errors.JWTExpired) return new AppError('invalid_token', { detail: 'token expired', cause: error });
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
    return new AppError('invalid_token', { detail: 'token not yet valid', cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iat') {
    return new AppError('invalid_token', { detail: 'token issued in the future', cause: error });
  }
  return new AppError('invalid_token', { cause: error });
}

/** Throws `wrong_event` unless the token was issued for this event. */
export function assertEvent(claims: { evt: string }, eventId: string): void {
  if (claims.evt !== eventId) throw new AppError('wrong_event');
}
