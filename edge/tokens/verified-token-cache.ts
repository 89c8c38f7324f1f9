import {
  createVerifiedTokenCache,
  verifyToken,
  type ClaimsByKind,
  type Clock,
  type JwksCache,
  type TokenKind,
  type TokenSettings,
} from '../../core/index.js';

export interface TokenVerifier {
  verify<K extends TokenKind>(kind: K, token: string): Promise<ClaimsByKind[K]>;
}

/**
 * Verifies with the origin's public keys (jose, Web Crypto) once per token and container: a
 * repeated poll is a cache hit, whose kind and expiry are still checked on every request. Only a
 * token that verified is remembered, and everything is forgotten when the origin's key set
 * changes, so a withdrawn key stops its tokens at once.
 */
export function createTokenVerifier(jwks: JwksCache, settings: TokenSettings, clock: Clock, maxEntries = 50_000): TokenVerifier {
  const cache = createVerifiedTokenCache({ clock, maxEntries });
  let version = jwks.version();
  return {
    async verify(kind, token) {
      if (jwks.version() !== version) {
        version = jwks.version();
        cache.clear();
      }
      return cache.verify(kind, token, () => verifyToken(kind, token, jwks.getKey, { ...settings, clock }));
    },
  };
}
