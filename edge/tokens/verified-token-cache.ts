import { verifyToken, type ClaimsByKind, type Clock, type JwksCache, type TokenKind, type TokenSettings } from '../../core/index.js';
import { AppError } from '../../core/index.js';

export interface TokenVerifier {
  verify<K extends TokenKind>(kind: K, token: string): Promise<ClaimsByKind[K]>;
}

/**
 * Verifies with the origin's public keys and remembers tokens already verified, so a repeated poll
 * does not run ECDSA again. Expiry is still checked on every request.
 */
export function createTokenVerifier(jwks: JwksCache, settings: TokenSettings, clock: Clock, maxEntries = 50_000): TokenVerifier {
  const verified = new Map<string, { kind: TokenKind; claims: ClaimsByKind[TokenKind] }>();
  return {
    async verify(kind, token) {
      const hit = verified.get(token);
      if (hit) {
        if (hit.kind !== kind) throw new AppError('wrong_token_type');
        if (hit.claims.exp * 1000 <= clock.now()) {
          verified.delete(token);
          throw new AppError('invalid_token', { detail: 'token expired' });
        }
        return hit.claims as ClaimsByKind[typeof kind];
      }
      const claims = await verifyToken(kind, token, jwks.getKey, { ...settings, clock, clockToleranceSeconds: 5 });
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, { kind, claims });
      return claims;
    },
  };
}
