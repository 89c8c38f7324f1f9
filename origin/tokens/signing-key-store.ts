import { z } from 'zod';

/** One ES256 key as it is stored: the private JWK (with `d`), its `kid` and when it was made. */
export interface StoredKey {
  kid: string;
  createdAt: string;
  privateJwk: { kty: string; crv: string; x: string; y: string; d: string; [member: string]: unknown };
}

/** The stored key set, newest key first, and the version the store knows it by. */
export interface StoredKeySet {
  keys: StoredKey[];
  /** Opaque: a Secrets Manager VersionId, a file's content hash. */
  version: string;
}

/**
 * Where the origin's signing keys live, shared by every instance (docs/decisions/0009): a file
 * under DATA_DIR, or a Secrets Manager secret. Adapters: `file-signing-key-store.ts`,
 * `secrets-manager-signing-key-store.ts`; the operations over it are in `signing-keys.ts`.
 */
export interface SigningKeyStore {
  /** What is stored now; `undefined` when nothing is (an empty set reads as `keys: []`). */
  load(): Promise<StoredKeySet | undefined>;
  /**
   * Compare-and-swap: stores `keys` if the store still holds `expected` (`undefined`: nothing),
   * atomically across processes. `false` when another writer got there first: load again.
   */
  swap(expected: StoredKeySet | undefined, keys: StoredKey[]): Promise<boolean>;
}

const storedKeySchema = z.object({
  kid: z.string().min(1),
  createdAt: z.iso.datetime(),
  privateJwk: z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1), d: z.string().min(1) }),
});
const storedKeysSchema = z.array(storedKeySchema).max(50);

/**
 * Reads a stored key set (a JSON array, newest first). The error names `where` and the failing
 * paths only: never the text, which holds private keys.
 */
export function parseStoredKeys(text: string, where: string): StoredKey[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} does not hold a signing key set: not JSON`);
  }
  const parsed = storedKeysSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
  throw new Error(`${where} does not hold a signing key set (a JSON array of {kid, createdAt, privateJwk}); wrong at ${paths.join(', ')}`);
}

export const serializeStoredKeys = (keys: StoredKey[]): string => JSON.stringify(keys, null, 2);
