import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSigningKeyStore } from './file-signing-key-store.js';
import { signingKeyStoreContract } from './signing-key-store.contract.js';
import { loadOrCreateSigningKeys } from './signing-keys.js';

const root = await mkdtemp(join(tmpdir(), 'banjjak-keys-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `instance-${(n += 1)}`, 'keys');

signingKeyStoreContract('file under DATA_DIR', async () => {
  const dir = freshDir();
  return [createFileSigningKeyStore(dir), createFileSigningKeyStore(dir)];
});

describe('the file key store', () => {
  it('keeps the private keys readable by their owner only, and leaves no temp or lock file', async () => {
    const dir = freshDir();
    await Promise.all([1, 2, 3, 4].map(() => loadOrCreateSigningKeys(createFileSigningKeyStore(dir), new Date())));
    expect((await stat(join(dir, 'signing-keys.json'))).mode & 0o777).toBe(0o600);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual(['signing-keys.json']);
  });

  it('reads the key file an older origin wrote', async () => {
    const dir = freshDir();
    const keys = await loadOrCreateSigningKeys(createFileSigningKeyStore(dir), new Date());
    const text = await readFile(join(dir, 'signing-keys.json'), 'utf8');
    expect(JSON.parse(text)[0]).toMatchObject({ kid: keys.active.kid, privateJwk: { kty: 'EC', crv: 'P-256', kid: keys.active.kid } });
  });

  it('refuses to start on a damaged key file, naming it but not its content', async () => {
    const dir = freshDir();
    await loadOrCreateSigningKeys(createFileSigningKeyStore(dir), new Date());
    await writeFile(join(dir, 'signing-keys.json'), '[{"kid":"k1","privateJwk":{"d":"SECRET-D"}}]');
    const attempt = loadOrCreateSigningKeys(createFileSigningKeyStore(dir), new Date());
    await expect(attempt).rejects.toThrow(/signing-keys\.json does not hold a signing key set.*wrong at 0\.createdAt/);
    await expect(attempt).rejects.not.toThrow(/SECRET-D/);
  });
});
