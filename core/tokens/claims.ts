/**
 * The three token kinds. Each has its own `typ` header so one can never pass for another
 * (RFC 8725 §3.11, explicit typing).
 */
export const tokenTypes = {
  id: 'banjjak-id+jwt',
  queue: 'banjjak-queue+jwt',
  access: 'banjjak-access+jwt',
} as const;
export type TokenKind = keyof typeof tokenTypes;

export const TOKEN_ALGORITHM = 'ES256';
/** Longer than any JWT we sign; anything bigger is rejected before parsing. */
export const MAX_TOKEN_LENGTH = 2048;
/** Three base64url segments: a compact JWS (RFC 7515 §7.1), checked before anything is decoded. */
export const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Seconds of clock skew tolerated between signer and verifier, on `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export interface IdClaims {
  sub: string;
  /** guest or member */
  idk: 'guest' | 'member';
  name?: string;
  iat: number;
  exp: number;
}

export interface QueueClaims {
  sub: string;
  evt: string;
  /** Place in line; null while the visitor is registered in the pre-queue. */
  seq: number | null;
  iat: number;
  exp: number;
}

export interface AccessClaims {
  sub: string;
  evt: string;
  iat: number;
  exp: number;
}

export interface ClaimsByKind {
  id: IdClaims;
  queue: QueueClaims;
  access: AccessClaims;
}

export interface TokenSettings {
  issuer: string;
  audience: string;
}

export const defaultTokenSettings: TokenSettings = { issuer: 'banjjak-origin', audience: 'banjjak' };

/** Our key ids are RFC 7638 thumbprints (43 base64url characters); anything else is no key of ours. */
export const isWellFormedKid = (kid: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(kid);
