import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock.js';
import { AppError } from '../errors/index.js';
import type { QueueClaims } from './claims.js';
import { createVerifiedTokenCache } from './verified-token-cache.js';

const clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
const claims = (exp: number): QueueClaims => ({ sub: 'u1', evt: 'e1', seq: 1, iat: Math.floor(clock.now() / 1000), exp });

/** A verifier that counts its calls and accepts every token but `bad`. */
function counting(exp = Math.floor(clock.now() / 1000) + 60) {
  let calls = 0;
  const verify = (token: string) => () => {
    calls += 1;
    if (token === 'bad') throw new AppError('invalid_token');
    return claims(exp);
  };
  return { verify, calls: () => calls };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: AppError) => error.code,
  );

describe('createVerifiedTokenCache', () => {
  it('verifies a token once, and never remembers a refusal', async () => {
    const cache = createVerifiedTokenCache({ clock });
    const verifier = counting();
    for (let i = 0; i < 3; i += 1) await cache.verify('queue', 'good', verifier.verify('good'));
    expect(verifier.calls()).toBe(1);
    for (let i = 0; i < 3; i += 1) expect(await code(cache.verify('queue', 'bad', verifier.verify('bad')))).toBe('invalid_token');
    expect(verifier.calls()).toBe(4);
    expect(cache.size()).toBe(1);
  });

  it('checks the kind and the expiry (with the verifier’s 5 s tolerance) on every hit', async () => {
    const cache = createVerifiedTokenCache({ clock });
    const exp = Math.floor(clock.now() / 1000) + 10;
    const verifier = counting(exp);
    await cache.verify('queue', 'good', verifier.verify('good'));
    expect(await code(cache.verify('access', 'good', verifier.verify('good')))).toBe('wrong_token_type');
    clock.set(exp * 1000 + 4_000);
    expect(await code(cache.verify('queue', 'good', verifier.verify('good')))).toBe('accepted');
    clock.set(exp * 1000 + 5_000);
    expect(await code(cache.verify('queue', 'good', verifier.verify('good')))).toBe('invalid_token');
    expect(cache.size()).toBe(0);
    expect(verifier.calls()).toBe(1);
  });

  it('stays bounded, forgetting the least recently used token first', async () => {
    const cache = createVerifiedTokenCache({ clock, maxEntries: 2 });
    const verifier = counting(Math.floor(clock.now() / 1000) + 60);
    await cache.verify('queue', 'a', verifier.verify('a'));
    await cache.verify('queue', 'b', verifier.verify('b'));
    await cache.verify('queue', 'a', verifier.verify('a'));
    await cache.verify('queue', 'c', verifier.verify('c'));
    expect(cache.size()).toBe(2);
    expect(verifier.calls()).toBe(3);
    await cache.verify('queue', 'a', verifier.verify('a'));
    expect(verifier.calls()).toBe(3);
    await cache.verify('queue', 'b', verifier.verify('b'));
    expect(verifier.calls()).toBe(4);
    cache.clear();
    expect(cache.size()).toBe(0);
  });
});
