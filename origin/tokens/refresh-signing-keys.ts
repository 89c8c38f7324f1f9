import type { Clock } from '../../core/index.js';
import type { SigningKeyStore } from './signing-key-store.js';
import { loadOrCreateSigningKeys } from './signing-keys.js';
import type { TokenIssuer } from './token-issuer.js';
import { createSinglePass, type SinglePass } from '../upkeep/single-pass.js';

/** How often each instance reloads the shared key set, so a rotation reaches every instance. */
export const KEY_REFRESH_MS = 60_000;

/** Reloads the key set into the issuer (or joins the reload running); a failure keeps the keys it has. */
export type KeyRefreshPass = SinglePass<void>;

/**
 * A rotation (`rotateSigningKeys`) is written by one instance; the others sign with the new key
 * and publish it once they have reloaded the store, which this does, one reload at a time.
 */
export function createKeyRefreshPass(store: SigningKeyStore, tokens: Pick<TokenIssuer, 'setKeys' | 'jwks'>, clock: Clock): KeyRefreshPass {
  const kids = (jwks: { keys: { kid?: string }[] }) => jwks.keys.map((key) => key.kid).join(',');
  const reload = async () => {
    const keys = await loadOrCreateSigningKeys(store, new Date(clock.now()));
    if (kids({ keys: keys.all.map((key) => key.publicJwk) }) !== kids(tokens.jwks())) tokens.setKeys(keys);
  };
  return createSinglePass('signing key reload', reload);
}
