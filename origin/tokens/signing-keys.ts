import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { TOKEN_ALGORITHM } from '../../core/index.js';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  createdAt: string;
}

export interface SigningKeys {
  /** The key new tokens are signed with (the newest). */
  active: SigningKey;
  /** Every key still accepted, newest first: what /.well-known/jwks.json publishes. */
  all: SigningKey[];
}

interface StoredKey {
  kid: string;
  createdAt: string;
  privateJwk: JWK;
}

/** Generates a new ES256 key whose `kid` is its RFC 7638 thumbprint. */
export async function generateSigningKey(now: Date): Promise<{ stored: StoredKey; key: SigningKey }> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOKEN_ALGORITHM };
  const stored = { kid, createdAt: now.toISOString(), privateJwk };
  return { stored, key: await fromStored(stored) };
}

async function fromStored(stored: StoredKey): Promise<SigningKey> {
  const privateKey = (await importJWK(stored.privateJwk, TOKEN_ALGORITHM)) as CryptoKey;
  const { d: _secret, ...publicPart } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: { ...publicPart, kid: stored.kid, alg: TOKEN_ALGORITHM, use: 'sig' },
    createdAt: stored.createdAt,
  };
}

/**
 * Keys kept in `<dir>/signing-keys.json` (mode 0600), created on first start so tokens survive a
 * restart. `rotate` adds a new active key and keeps the previous one published until its tokens
 * expire, which is how verifiers (the edge) follow a rotation through an unknown `kid`.
 */
export async function loadOrCreateSigningKeys(dir: string, now: Date): Promise<SigningKeys> {
  const file = join(dir, 'signing-keys.json');
  let stored: StoredKey[];
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as StoredKey[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    stored = [(await generateSigningKey(now)).stored];
    await saveKeys(dir, stored);
  }
  const all = await Promise.all(stored.map(fromStored));
  return { active: all[0]!, all };
}

export async function rotateSigningKeys(dir: string, now: Date, keep = 2): Promise<SigningKeys> {
  const file = join(dir, 'signing-keys.json');
  const stored = JSON.parse(await readFile(file, 'utf8')) as StoredKey[];
  const next = [(await generateSigningKey(now)).stored, ...stored].slice(0, keep);
  await saveKeys(dir, next);
  const all = await Promise.all(next.map(fromStored));
  return { active: all[0]!, all };
}

async function saveKeys(dir: string, keys: StoredKey[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'signing-keys.json');
  await writeFile(`${file}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

export function toJwks(keys: SigningKeys): JSONWebKeySet {
  return { keys: keys.all.map((key) => key.publicJwk) };
}
