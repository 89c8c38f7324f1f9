import { sign, type KeyObject } from 'node:crypto';
import { TOKEN_ALGORITHM, tokenTypes, type TokenKind, type TokenSettings } from '../../core/index.js';
import type { SigningKey } from './signing-keys.js';

export type TokenSigner = (kind: TokenKind, payload: object, iat: number, exp: number) => Promise<string>;

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * On the event loop, not the libuv thread pool: a pool round trip (queue, wake a thread, wake the
 * loop) cost more CPU than the ~30 µs signature itself on 2 vCPUs, and a Lambda instance serves
 * one request at a time anyway. The origin uses more cores by running more instances
 * (docs/decisions/0021-origin-hot-path.md).
 */
const signInline = (input: Buffer, key: KeyObject) => sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });

/**
 * Compact JWS (RFC 7515 §7.1) signed ES256 with node:crypto, byte for byte what jose's `SignJWT`
 * wrote before (header `{alg, kid, typ}`, claims `{...payload, iss, aud, iat, exp}`): the
 * signature is raw `r || s` (RFC 7518 §3.4), hence `ieee-p1363`. A key's three headers are
 * encoded once.
 */
export function createNodeTokenSigner(key: SigningKey, settings: TokenSettings): TokenSigner {
  const headers = Object.fromEntries(
    Object.entries(tokenTypes).map(([kind, typ]) => [kind, base64url(JSON.stringify({ alg: TOKEN_ALGORITHM, kid: key.kid, typ }))]),
  ) as Record<TokenKind, string>;
  return async (kind, payload, iat, exp) => {
    const claims = JSON.stringify({ ...payload, iss: settings.issuer, aud: settings.audience, iat, exp });
    const signingInput = `${headers[kind]}.${base64url(claims)}`;
    const signature = signInline(Buffer.from(signingInput), key.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  };
}
