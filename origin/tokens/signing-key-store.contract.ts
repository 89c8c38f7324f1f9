import { describe, expect, it } from 'vitest';
import type { SigningKeyStore } from './signing-key-store.js';
import { generateSigningKey, loadOrCreateSigningKeys, rotateSigningKeys, MAX_LIVE_KEYS } from './signing-keys.js';

/** Two stores over the same fresh backing: two origin instances sharing one key set. */
export type TwoInstances = () => Promise<[SigningKeyStore, SigningKeyStore]>;

const t0 = new Date('2026-12-05T00:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const DAY = 24 * 3600;

/** The behaviour every SigningKeyStore adapter must have (called by each adapter's test file). */
export function signingKeyStoreContract(name: string, instances: TwoInstances): void {
  describe(`${name}: the signing key store contract`, () => {
    it('holds nothing at first, then what was swapped in', async () => {
      const [a, b] = await instances();
      expect((await a.load())?.keys ?? []).toEqual([]);
      const { stored } = await generateSigningKey(t0);
      expect(await a.swap(await a.load(), [stored])).toBe(true);
      expect((await b.load())?.keys).toEqual([stored]);
    });

    it('ends two instances starting at once on one key set', async () => {
      const [a, b] = await instances();
      const [fromA, fromB] = await Promise.all([loadOrCreateSigningKeys(a, t0), loadOrCreateSigningKeys(b, t0)]);
      expect(fromA.active.kid).toBe(fromB.active.kid);
      expect((await b.load())?.keys.map((key) => key.kid)).toEqual([fromA.active.kid]);
      expect((await loadOrCreateSigningKeys(b, later(1000))).active.kid).toBe(fromA.active.kid);
    });

    it('refuses a swap from a version that is no longer stored, and changes nothing', async () => {
      const [a, b] = await instances();
      await loadOrCreateSigningKeys(a, t0);
      const seen = await b.load();
      await rotateSigningKeys(a, later(1000), { maxTokenSeconds: DAY });
      const before = await a.load();
      expect(await b.swap(seen, [(await generateSigningKey(t0)).stored])).toBe(false);
      expect(await b.swap(undefined, [(await generateSigningKey(t0)).stored])).toBe(false);
      expect(await a.load()).toEqual(before);
    });

    it('rotates across instances and keeps each old key only while its tokens may live', async () => {
      const [a, b] = await instances();
      const first = await loadOrCreateSigningKeys(a, t0);
      const second = await rotateSigningKeys(b, later(60_000), { maxTokenSeconds: DAY });
      expect(second.all.map((key) => key.kid)).toEqual([second.active.kid, first.active.kid]);
      expect((await loadOrCreateSigningKeys(a, later(61_000))).active.kid).toBe(second.active.kid);
      // `first` signed nothing after `second` appeared; a day later its last token has expired.
      const third = await rotateSigningKeys(a, later(60_000 + DAY * 1000 + 1), { maxTokenSeconds: DAY });
      expect(third.all.map((key) => key.kid)).toEqual([third.active.kid, second.active.kid]);
    });

    it('never drops a key whose tokens may live: past the bound a rotation is refused and changes nothing', async () => {
      const [a] = await instances();
      await loadOrCreateSigningKeys(a, t0);
      for (let i = 1; i < MAX_LIVE_KEYS; i += 1) await rotateSigningKeys(a, later(i * 1000), { maxTokenSeconds: DAY });
      const full = await a.load();
      expect(full?.keys).toHaveLength(MAX_LIVE_KEYS);
      await expect(rotateSigningKeys(a, later(MAX_LIVE_KEYS * 1000), { maxTokenSeconds: DAY })).rejects.toMatchObject({ code: 'too_many_keys', status: 409 });
      expect(await a.load()).toEqual(full);
      // A day after the second key appeared the first one's tokens are gone: room again.
      const next = await rotateSigningKeys(a, later(1000 + DAY * 1000 + 1), { maxTokenSeconds: DAY });
      expect(next.all).toHaveLength(MAX_LIVE_KEYS);
      expect(next.all.map((key) => key.kid)).not.toContain(full?.keys.at(-1)?.kid);
    });

    it('applies two rotations racing each other, one after the other', async () => {
      const [a, b] = await instances();
      const first = await loadOrCreateSigningKeys(a, t0);
      const [x, y] = await Promise.all([rotateSigningKeys(a, later(1000), { maxTokenSeconds: DAY }), rotateSigningKeys(b, later(1000), { maxTokenSeconds: DAY })]);
      const kids = (await a.load())?.keys.map((key) => key.kid) ?? [];
      expect(kids).toHaveLength(3);
      expect(new Set(kids)).toEqual(new Set([first.active.kid, x.active.kid, y.active.kid]));
      expect(kids[0]).toBe([x, y].find((keys) => keys.all.length === 3)?.active.kid);
    });
  });
}
