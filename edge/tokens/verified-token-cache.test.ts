import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, createFakeClock, createJwksCache, defaultTokenSettings, tokenTypes } from '../../core/index.js';
import { createTokenVerifier } from './verified-token-cache.js';

const clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
const now = () => Math.floor(clock.now() / 1000);
let keys: { privateKey: CryptoKey; jwks: JSONWebKeySet }[];

beforeAll(async () => {
  keys = await Promise.all(
    ['k1', 'k2'].map(async (kid) => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      return { privateKey: pair.privateKey, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256' }] } };
    }),
  );
});

const sign = (index: number, extra: Record<string, unknown> = {}) =>
  new SignJWT({ sub: 'u1', evt: 'e1', seq: 2, iss: 'banjjak-origin', aud: 'banjjak', iat: now(), exp: now() + 60, ...extra })
    .setProtectedHeader({ alg: 'ES256', kid: `k${index + 1}`, typ: tokenTypes.queue })
    .sign(keys[index]!.privateKey);

/** An edge verifier over a key set the test swaps, counting the ECDSA verifications (key look-ups). */
function edgeVerifier() {
  let published = keys[0]!.jwks;
  const jwks = createJwksCache({ clock, maxAgeMs: 60_000, load: async () => published });
  let verifications = 0;
  const counted = { ...jwks, getKey: ((...args: Parameters<typeof jwks.getKey>) => ((verifications += 1), jwks.getKey(...args))) as typeof jwks.getKey };
  const verifier = createTokenVerifier(counted, defaultTokenSettings, clock);
  const publish = (next: JSONWebKeySet) => {
    published = next;
  };
  return { verifier, publish, verifications: () => verifications };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: AppError) => error.code,
  );

describe('the edge verifies each token once per container', () => {
  it('runs ECDSA once for a repeated token, and every time for a forged one', async () => {
    const edge = edgeVerifier();
    const token = await sign(0);
    for (let i = 0; i < 5; i += 1) expect(await edge.verifier.verify('queue', token)).toMatchObject({ sub: 'u1', seq: 2 });
    expect(edge.verifications()).toBe(1);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${(await sign(0, { seq: 0 })).split('.')[2]}`;
    for (let i = 0; i < 3; i += 1) expect(await code(edge.verifier.verify('queue', forged))).toBe('invalid_token');
    expect(edge.verifications()).toBe(4);
    expect(await code(edge.verifier.verify('access', token))).toBe('wrong_token_type');
  });

  it('still refuses a remembered token once it has expired', async () => {
    const edge = edgeVerifier();
    const token = await sign(0, { exp: now() + 2 });
    expect(await code(edge.verifier.verify('queue', token))).toBe('accepted');
    clock.advance(7_000);
    expect(await code(edge.verifier.verify('queue', token))).toBe('invalid_token');
    expect(edge.verifications()).toBe(1);
  });

  it('forgets what a key verified once the origin withdraws it', async () => {
    const edge = edgeVerifier();
    const old = await sign(0);
    expect(await code(edge.verifier.verify('queue', old))).toBe('accepted');
    edge.publish(keys[1]!.jwks);
    clock.advance(61_000);
    const fresh = await sign(1);
    expect(await code(edge.verifier.verify('queue', fresh))).toBe('accepted');
    expect(await code(edge.verifier.verify('queue', old))).toBe('invalid_token');
  });
});
