import { createLocalJWKSet, SignJWT, type JWTVerifyGetKey } from 'jose';
import {
  TOKEN_ALGORITHM,
  tokenTypes,
  verifyToken,
  type ClaimsByKind,
  type Clock,
  type TokenKind,
  type TokenSettings,
} from '../../core/index.js';
import { toJwks, type SigningKeys } from './signing-keys.js';

type Payload<K extends TokenKind> = Omit<ClaimsByKind[K], 'iat' | 'exp'>;

export interface TokenIssuer {
  sign<K extends TokenKind>(kind: K, payload: Payload<K>, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  verify<K extends TokenKind>(kind: K, token: string): Promise<ClaimsByKind[K]>;
  jwks(): ReturnType<typeof toJwks>;
  /** Swaps in rotated keys without a restart. */
  setKeys(keys: SigningKeys): void;
}

/** Signs ES256 tokens with the active key; verifies against every published key. */
export function createTokenIssuer(initial: SigningKeys, settings: TokenSettings, clock: Clock): TokenIssuer {
  let keys = initial;
  let getKey: JWTVerifyGetKey = createLocalJWKSet(toJwks(keys));

  return {
    async sign(kind, payload, ttlSeconds) {
      const iat = Math.floor(clock.now() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT({ ...payload })
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keys.active.kid, typ: tokenTypes[kind] })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(keys.active.privateKey);
      return { token, expiresAt: exp * 1000 };
    },
    verify(kind, token) {
      return verifyToken(kind, token, getKey, { ...settings, clock });
    },
    jwks: () => toJwks(keys),
    setKeys(next) {
      keys = next;
      getKey = createLocalJWKSet(toJwks(keys));
    },
  };
}
