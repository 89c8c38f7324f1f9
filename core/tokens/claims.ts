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
