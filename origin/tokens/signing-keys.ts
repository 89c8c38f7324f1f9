import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JSONWebKeySet, type JWK } from 'jose';
import { AppError, TOKEN_ALGORITHM } from '../../core/index.js';
import type { SigningKeyStore, StoredKey } from './signing-key-store.js';

export interface SigningKey {
  kid: string;
  /** A node:crypto key, imported once when the set is loaded: signing never parses a JWK. */
  privateKey: KeyObject;
  publicJwk: JWK;
  createdAt: string;
}

export interface SigningKeys {
  /** The key new tokens are signed with (the newest). */
  active: SigningKey;
  /** Every key still accepted, newest first: what /.well-known/jwks.json publishes. */
  all: SigningKey[];
}

/** Generates a new ES256 key whose `kid` is its RFC 7638 thumbprint. */
export async function generateSigningKey(now: Date): Promise<{ stored: StoredKey; key: SigningKey }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y, d } = privateKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty, crv, x, y });
  const privateJwk = { kty, crv, x, y, d, kid, alg: TOKEN_ALGORITHM } as StoredKey['privateJwk'];
  const stored = { kid, createdAt: now.toISOString(), privateJwk };
  return { stored, key: fromStored(stored) };
}

export function fromStored(stored: StoredKey): SigningKey {
  const { kty, crv, x, y, d } = stored.privateJwk;
  const privateKey = createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
  const { d: _secret, ...publicPart } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: { ...publicPart, kid: stored.kid, alg: TOKEN_ALGORITHM, use: 'sig' },
    createdAt: stored.createdAt,
  };
}

function toSigningKeys(stored: StoredKey[]): SigningKeys {
  const all = stored.map(fromStored);
  return { active: all[0]!, all };
}

const ATTEMPTS = 8;
/** Keys published at once; the stored set's schema allows 50. */
export const MAX_LIVE_KEYS = 20;
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));

/**
 * The key set every instance shares: read from the store, or, when the store holds none yet,
 * generated and stored by compare-and-swap, so two instances starting at once end on the winner's.
 */
export async function loadOrCreateSigningKeys(store: SigningKeyStore, now: Date): Promise<SigningKeys> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await store.load();
    if (current && current.keys.length > 0) return toSigningKeys(current.keys);
    const fresh = [(await generateSigningKey(now)).stored];
    if (await store.swap(current, fresh)) return toSigningKeys(fresh);
    await backOff(attempt);
  }
  throw new Error('signing key store: no key set after repeated lost races; is another writer looping?');
}

export interface RotationOptions {
  /** The longest lifetime of a token we sign: a retired key stays published that long. */
  maxTokenSeconds: number;
}

/**
 * Adds a new active key (compare-and-swap, retried when another instance wrote first) and keeps
 * each older key while tokens it signed may still be alive: a key retired at its successor's
 * `createdAt` signed nothing after it. Verifiers (the edge) follow through the unknown `kid`.
 * Other instances sign with the new key once they load the set again.
 */
export async function rotateSigningKeys(store: SigningKeyStore, now: Date, options: RotationOptions): Promise<SigningKeys> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await store.load();
    const next = [(await generateSigningKey(now)).stored, ...(current?.keys ?? [])];
    const alive = next.filter((_key, index) => index === 0 || Date.parse(next[index - 1]!.createdAt) + options.maxTokenSeconds * 1000 > now.getTime());
    // A key is never dropped while tokens it signed may live: past the bound a rotation is refused.
    if (alive.length > MAX_LIVE_KEYS) throw new AppError('too_many_keys', { detail: `${alive.length - 1} keys still have live tokens; rotate again once the oldest has expired` });
    if (await store.swap(current, alive)) return toSigningKeys(alive);
    await backOff(attempt);
  }
  throw new Error('signing key store: rotation kept losing to other writers');
}

export function toJwks(keys: SigningKeys): JSONWebKeySet {
  return { keys: keys.all.map((key) => key.publicJwk) };
}
