import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  AppError,
  checkClaims,
  checkProtectedHeader,
  JWT_SHAPE,
  MAX_TOKEN_LENGTH,
  TOKEN_ALGORITHM,
  type ClaimsByKind,
  type TokenKind,
  type VerifyOptions,
} from '../../core/index.js';
import type { SigningKey } from './signing-keys.js';

export type NodeTokenVerifier = <K extends TokenKind>(kind: K, token: string) => Promise<ClaimsByKind[K]>;

const invalid = (detail: string) => new AppError('invalid_token', { detail });
const UNKNOWN_KEY = 'token key is unknown';

/** A token whose `kid` names no key this instance has: maybe a key another instance just added. */
export const isUnknownKeyError = (error: unknown): boolean => error instanceof AppError && error.detail === UNKNOWN_KEY;
const p1363 = { dsaEncoding: 'ieee-p1363' } as const;

/** On the event loop, as the signer signs (docs/decisions/0021-origin-hot-path.md); a key error counts as a bad signature. */
function verifyInline(input: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify('sha256', input, { key, ...p1363 }, signature);
  } catch {
    return false;
  }
}

/**
 * Verifies our compact JWS with node:crypto: the same checks as core's `verifyToken` (jose),
 * without its Web Crypto round trip. Before the signature: shape, `alg` exactly ES256, no `crit`,
 * a `kid` of a published key; then the signature (raw `r || s`, 64 bytes); then `checkClaims`.
 * The public keys are imported once, from the JWKs that /.well-known/jwks.json publishes.
 */
export function createNodeTokenVerifier(keys: readonly SigningKey[], options: VerifyOptions): NodeTokenVerifier {
  const publicKeys = new Map<string, KeyObject>(keys.map((key) => [key.kid, importPublicKey(key)]));
  return async (kind, token) => {
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw invalid('token is malformed');
    const headerEnd = token.indexOf('.');
    const payloadEnd = token.indexOf('.', headerEnd + 1);
    const header = parseJson(Buffer.from(token.slice(0, headerEnd), 'base64url'));
    if (!header) throw invalid('token header is malformed');
    checkProtectedHeader(header);
    if (header.alg !== TOKEN_ALGORITHM) throw invalid('token algorithm is not allowed');
    const key = typeof header.kid === 'string' ? publicKeys.get(header.kid) : undefined;
    if (!key) throw invalid(UNKNOWN_KEY);
    const signature = Buffer.from(token.slice(payloadEnd + 1), 'base64url');
    const signingInput = Buffer.from(token.slice(0, payloadEnd));
    if (signature.length !== 64 || !verifyInline(signingInput, key, signature)) {
      throw invalid('token signature is invalid');
    }
    return checkClaims(kind, header.typ, Buffer.from(token.slice(headerEnd + 1, payloadEnd), 'base64url'), options);
  };
}

/** Only P-256 keys: `verify` with another key type would check another algorithm. */
function importPublicKey(key: SigningKey): KeyObject {
  const imported = createPublicKey({ key: key.publicJwk, format: 'jwk' });
  if (imported.asymmetricKeyType !== 'ec' || imported.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`signing key ${key.kid} is not an ES256 (P-256) key`);
  }
  return imported;
}

function parseJson(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
