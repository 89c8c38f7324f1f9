import { createPacedRun, type Clock } from '../../core/index.js';
import type { OriginSettings } from '../deps.js';
import type { KeyRefreshPass } from './refresh-signing-keys.js';
import type { SigningKeyStore } from './signing-key-store.js';
import { rotateSigningKeys, type SigningKeys } from './signing-keys.js';
import type { TokenIssuer } from './token-issuer.js';

/** What an operator and the other instances need of the shared key set. */
export interface SigningKeyControl {
  /** Adds a key to the shared set and signs with it here at once; older keys stay while their tokens live. */
  rotate(): Promise<SigningKeys>;
  /** Loads keys another instance added: at most one store read per second, shared by every caller. */
  follow(): Promise<void>;
}

/** How often an instance may read the key store for a `kid` it does not know (or a JWKS request). */
export const FOLLOW_INTERVAL_MS = 1_000;

/** The longest-lived token the origin signs: a retired key is published at least that long. */
export function longestTokenSeconds(settings: Pick<OriginSettings, 'idTokenSeconds' | 'queueTokenSeconds'>): number {
  // Access tokens live one admission session, at most a day (`sessionSeconds` ≤ 86,400).
  return Math.max(settings.idTokenSeconds, settings.queueTokenSeconds, 86_400);
}

export function createSigningKeyControl(
  store: SigningKeyStore,
  tokens: TokenIssuer,
  refresh: KeyRefreshPass,
  clock: Clock,
  settings: Pick<OriginSettings, 'idTokenSeconds' | 'queueTokenSeconds'>,
): SigningKeyControl {
  const follow = createPacedRun(async () => {
    await refresh.run();
  }, FOLLOW_INTERVAL_MS);
  tokens.followKeysWith(follow);
  return {
    async rotate() {
      const keys = await rotateSigningKeys(store, new Date(clock.now()), { maxTokenSeconds: longestTokenSeconds(settings) });
      tokens.setKeys(keys);
      return keys;
    },
    follow,
  };
}
