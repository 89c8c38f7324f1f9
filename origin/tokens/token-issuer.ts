import { createVerifiedTokenCache, type ClaimsByKind, type Clock, type TokenKind, type TokenSettings } from '../../core/index.js';
import { createNodeTokenSigner } from './node-token-signer.js';
import { createNodeTokenVerifier, isUnknownKeyError } from './node-token-verifier.js';
import { toJwks, type SigningKeys } from './signing-keys.js';

type Payload<K extends TokenKind> = Omit<ClaimsByKind[K], 'iat' | 'exp'>;

export interface TokenIssuer {
  sign<K extends TokenKind>(kind: K, payload: Payload<K>, ttlSeconds: number): Promise<{ token: string; expiresAt: number }>;
  verify<K extends TokenKind>(kind: K, token: string): Promise<ClaimsByKind[K]>;
  jwks(): ReturnType<typeof toJwks>;
  /** Swaps in rotated keys without a restart. */
  setKeys(keys: SigningKeys): void;
  /**
   * How to load keys added by another instance: a token naming an unknown `kid` waits for it
   * (paced by the caller) and is checked once more against what it brought.
   */
  followKeysWith(reload: () => Promise<void>): void;
}

export interface TokenIssuerOptions {
  /** Verified tokens remembered (a visitor's status polls and admit retries). @default 20_000 */
  cachedTokens?: number;
}

/**
 * Signs ES256 tokens with the active key and verifies them against every published key, with
 * node:crypto KeyObjects imported once per key set (the claim rules are core's `checkClaims`, the
 * edge's too). A verified token is remembered until it expires or the key set changes.
 */
export function createTokenIssuer(initial: SigningKeys, settings: TokenSettings, clock: Clock, options: TokenIssuerOptions = {}): TokenIssuer {
  const verified = createVerifiedTokenCache({ clock, maxEntries: options.cachedTokens ?? 20_000 });
  const load = (keys: SigningKeys) => ({
    keys,
    sign: createNodeTokenSigner(keys.active, settings),
    verify: createNodeTokenVerifier(keys.all, { ...settings, clock }),
  });
  let current = load(initial);
  let follow: (() => Promise<void>) | undefined;
  const verifyFollowing = async <K extends TokenKind>(kind: K, token: string): Promise<ClaimsByKind[K]> => {
    const before = current;
    try {
      return await before.verify(kind, token);
    } catch (error) {
      if (!follow || !isUnknownKeyError(error)) throw error;
      await follow().catch(() => undefined);
      if (current === before) throw error;
      return current.verify(kind, token);
    }
  };

  return {
    async sign(kind, payload, ttlSeconds) {
      const iat = Math.floor(clock.now() / 1000);
      const exp = iat + ttlSeconds;
      return { token: await current.sign(kind, payload, iat, exp), expiresAt: exp * 1000 };
    },
    verify: (kind, token) => verified.verify(kind, token, () => verifyFollowing(kind, token)),
    jwks: () => toJwks(current.keys),
    setKeys(next) {
      current = load(next);
      verified.clear();
    },
    followKeysWith(reload) {
      follow = reload;
    },
  };
}
