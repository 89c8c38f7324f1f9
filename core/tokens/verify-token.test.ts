import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock.js';
import { AppError } from '../errors/index.js';
import { tokenTypes, defaultTokenSettings } from './claims.js';
import { verifyToken } from './verify-token.js';

const clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
const now = () => Math.floor(clock.now() / 1000);
let privateKey: CryptoKey;
let publicJwk: JWK;
let getKey: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  getKey = createLocalJWKSet({ keys: [publicJwk] });
});

function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new SignJWT({ sub: 'u1', evt: 'e1', seq: 3, iss: defaultTokenSettings.issuer, aud: defaultTokenSettings.audience, iat: now(), exp: now() + 60, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: tokenTypes.queue, ...header })
    .sign(privateKey);
}

const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const verify = (kind: 'queue' | 'access' | 'id', token: string) => verifyToken(kind, token, getKey, { ...defaultTokenSettings, clock });

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected a rejection');
}

describe('verifyToken', () => {
  it('accepts a well-formed queue token and returns its claims', async () => {
    const claims = await verify('queue', await sign({}));
    expect(claims).toMatchObject({ sub: 'u1', evt: 'e1', seq: 3 });
  });

  it('rejects alg:none', async () => {
    const token = `${b64({ alg: 'none', typ: tokenTypes.queue })}.${b64({ sub: 'u1', evt: 'e1', seq: 1, iat: now(), exp: now() + 60 })}.`;
    expect(await rejection(verify('queue', token))).toBe('invalid_token');
  });

  it('rejects HS256 signed with the public key as secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT({ sub: 'u1', evt: 'e1', seq: 1, iss: defaultTokenSettings.issuer, aud: defaultTokenSettings.audience })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: tokenTypes.queue })
      .setIssuedAt(now())
      .setExpirationTime(now() + 60)
      .sign(secret);
    expect(await rejection(verify('queue', token))).toBe('invalid_token');
  });

  it.each([
    ['expired', { exp: now() - 3600 }, 'invalid_token'],
    ['issuer', { iss: 'someone-else' }, 'invalid_token'],
    ['audience', { aud: 'other' }, 'invalid_token'],
    ['not yet valid', { nbf: now() + 3600 }, 'invalid_token'],
    ['missing evt', { evt: undefined }, 'invalid_token'],
    ['non-integer seq', { seq: 'first' }, 'invalid_token'],
  ])('rejects %s', async (_name, claims, code) => {
    expect(await rejection(verify('queue', await sign(claims)))).toBe(code);
  });

  it('rejects an unknown kid and a tampered payload', async () => {
    expect(await rejection(verify('queue', await sign({}, { kid: 'k2' })))).toBe('invalid_token');
    const [header, , signature] = (await sign({})).split('.');
    const forged = `${header}.${b64({ sub: 'u1', evt: 'e1', seq: 0, iss: defaultTokenSettings.issuer, aud: defaultTokenSettings.audience, iat: now(), exp: now() + 60 })}.${signature}`;
    expect(await rejection(verify('queue', forged))).toBe('invalid_token');
  });

  it('refuses one kind of token for another', async () => {
    expect(await rejection(verify('access', await sign({})))).toBe('wrong_token_type');
    expect(await rejection(verify('id', await sign({})))).toBe('wrong_token_type');
  });

  it('rejects truncated, oversized and non-JWT strings before parsing', async () => {
    const token = await sign({});
    expect(await rejection(verify('queue', token.slice(0, token.length - 10)))).toBe('invalid_token');
    expect(await rejection(verify('queue', `${token}${'A'.repeat(3000)}`))).toBe('invalid_token');
    expect(await rejection(verify('queue', 'not a token'))).toBe('invalid_token');
  });
});
