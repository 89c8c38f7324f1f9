/**
 * One-core ES256 rates for `bench:queue`: the node:crypto sign+verify ceiling a join is measured
 * against, and jose (Web Crypto, what the edge runs) next to node:crypto (what the origin runs).
 * The ceiling is a serial loop of synchronous calls: what one core does. The library figures are
 * whole tokens, one at a time and many in flight.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { createLocalJWKSet, SignJWT, importJWK, type JWK } from 'jose';
import { defaultTokenSettings, systemClock, tokenTypes, verifyToken } from '../core/index.js';
import { createNodeTokenSigner } from '../origin/tokens/node-token-signer.js';
import { createNodeTokenVerifier } from '../origin/tokens/node-token-verifier.js';
import { toJwks, type SigningKey } from '../origin/tokens/signing-keys.js';

/** Calls `task` from `loops` loops, each back to back, for `ms` after a 200 ms warm-up; calls per second. */
async function perSecond(ms: number, task: (i: number) => unknown, loops = 1): Promise<number> {
  let i = 0;
  const run = (until: number) =>
    Promise.all(
      Array.from({ length: loops }, async () => {
        while (performance.now() < until) {
          const result = task(i++);
          if (result instanceof Promise) await result;
        }
      }),
    );
  await run(performance.now() + 200);
  const start = performance.now();
  const from = i;
  await run(start + ms);
  return (i - from) / ((performance.now() - start) / 1000);
}
const serial = (ms: number, task: (i: number) => unknown) => perSecond(ms, task);

/** node:crypto ES256 sign+verify of one queue token's signing input, serial: the ceiling of one core. */
export async function es256Ceiling(key: SigningKey, ms: number): Promise<number> {
  const input = Buffer.from((await createNodeTokenSigner(key, defaultTokenSettings)('queue', { sub: 'g_bench', evt: 'bench', seq: 1 }, 0, 1)).split('.', 2).join('.'));
  const publicKey = createPublicKey(key.privateKey);
  const options = { dsaEncoding: 'ieee-p1363' } as const;
  return serial(ms, () => {
    const signature = sign('sha256', input, { key: key.privateKey, ...options });
    if (!verify('sha256', input, { key: publicKey, ...options }, signature)) throw new Error('ES256 round trip failed');
  });
}

export interface LibraryRate {
  /** One token at a time. */
  serial: number;
  /** `inFlight` at once, as requests ask for them: jose's Web Crypto runs on the libuv thread pool, the origin's node:crypto on the event loop. */
  concurrent: number;
}

export interface LibraryRates {
  joseSign: LibraryRate;
  nodeSign: LibraryRate;
  joseVerify: LibraryRate;
  nodeVerify: LibraryRate;
}

/** Whole tokens (header, claims, base64url, signature): jose's SignJWT / compactVerify against ours. */
export async function es256LibraryRates(key: SigningKey, ms: number, inFlight: number): Promise<LibraryRates> {
  const both = async (task: (i: number) => unknown): Promise<LibraryRate> => ({
    serial: await serial(ms, task),
    concurrent: await perSecond(ms, task, inFlight),
  });
  const now = Math.floor(Date.now() / 1000);
  const payload = (i: number) => ({ sub: `g_bench_${i}`, evt: 'bench', seq: i });
  const joseKey = await importJWK(key.privateKey.export({ format: 'jwk' }) as JWK, 'ES256');
  const joseSign = await both((i) =>
    new SignJWT(payload(i))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: tokenTypes.queue })
      .setIssuer(defaultTokenSettings.issuer)
      .setAudience(defaultTokenSettings.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(joseKey),
  );
  const signer = createNodeTokenSigner(key, defaultTokenSettings);
  const nodeSign = await both((i) => signer('queue', payload(i), now, now + 600));
  // Distinct tokens, no cache in either verifier: every call runs ECDSA.
  const tokens = await Promise.all(Array.from({ length: 4_096 }, (_, i) => signer('queue', payload(i), now, now + 600)));
  const getKey = createLocalJWKSet(toJwks({ active: key, all: [key] }));
  const options = { ...defaultTokenSettings, clock: systemClock };
  const joseVerify = await both((i) => verifyToken('queue', tokens[i % tokens.length]!, getKey, options));
  const nodeVerifier = createNodeTokenVerifier([key], options);
  const nodeVerify = await both((i) => nodeVerifier('queue', tokens[i % tokens.length]!));
  return { joseSign, nodeSign, joseVerify, nodeVerify };
}
