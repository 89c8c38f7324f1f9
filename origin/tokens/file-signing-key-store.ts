import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStoredKeys, serializeStoredKeys, type SigningKeyStore, type StoredKeySet } from './signing-key-store.js';

const LOCK_WAIT_MS = 5_000;
/** A lock older than this was left by a process that died while holding it. */
const STALE_LOCK_MS = 10_000;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The key set in `<dir>/signing-keys.json` (mode 0600): for processes sharing one DATA_DIR (the
 * local stack, several origins on one host). The first set appears by `link()` of a complete temp
 * file, which fails with EEXIST for every process but one, so a reader never sees half a file and
 * two processes starting at once end on one set. Later swaps (rotation) compare the content hash
 * under an exclusive lock file and replace by `rename()`.
 */
export function createFileSigningKeyStore(dir: string): SigningKeyStore {
  const file = join(dir, 'signing-keys.json');

  const load = async (): Promise<StoredKeySet | undefined> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    return { keys: parseStoredKeys(text, file), version: createHash('sha256').update(text).digest('hex') };
  };

  return {
    load,
    async swap(expected, keys) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const text = serializeStoredKeys(keys);
      if (!expected) return withTempFile(file, text, (temp) => linkUnlessTaken(temp, file));
      return withLock(`${file}.lock`, async () => {
        if ((await load())?.version !== expected.version) return false;
        await withTempFile(file, text, (temp) => rename(temp, file));
        return true;
      });
    },
  };
}

/** Hard-links `temp` as `file`: false when `file` exists (another process linked first). */
async function linkUnlessTaken(temp: string, file: string): Promise<boolean> {
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Writes `text` to a fresh temp file beside `file`, runs `use`, and removes whatever is left. */
async function withTempFile<T>(file: string, text: string, use: (temp: string) => Promise<T>): Promise<T> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    return await use(temp);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Runs `critical` holding `lockFile` (created with O_EXCL); waits for a holder, breaks a stale lock. */
async function withLock<T>(lockFile: string, critical: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 20) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const age = await stat(lockFile).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(lockFile, { force: true });
      else if (waited >= LOCK_WAIT_MS) throw new Error(`${lockFile} is held by another process`, { cause: error });
      else await sleep(20);
    }
  }
  try {
    return await critical();
  } finally {
    await rm(lockFile, { force: true });
  }
}
