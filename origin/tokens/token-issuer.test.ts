import { sign as nodeSign } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, createFakeClock, defaultTokenSettings, tokenTypes, verifyToken, type TokenKind } from '../../core/index.js';
import { generateSigningKey, type SigningKey } from './signing-keys.js';
import { createTokenIssuer, type TokenIssuer } from './token-issuer.js';

const clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
const now = () => Math.floor(clock.now() / 1000);
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const segments = (token: string) => token.split('.').map((part, i) => (i < 2 ? JSON.parse(Buffer.from(part, 'base64url').toString()) : part));

let key: SigningKey;
let issuer: TokenIssuer;
/** The edge's verifier (jose, Web Crypto) over the JWKS the origin publishes: the reference. */
let edgeVerify: (kind: TokenKind, token: string) => Promise<unknown>;

beforeAll(async () => {
  key = (await generateSigningKey(new Date(clock.now()))).key;
  issuer = createTokenIssuer({ active: key, all: [key] }, defaultTokenSettings, clock);
  const getKey = createLocalJWKSet(issuer.jwks());
  edgeVerify = (kind, token) => verifyToken(kind, token, getKey, { ...defaultTokenSettings, clock });
});

const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'u1', evt: 'e1', seq: 3, iss: 'banjjak-origin', aud: 'banjjak', iat: now(), exp: now() + 60, ...extra });
/** Signs any header and claims with the origin's key, as only a holder of that key could. */
const signedByOrigin = (header: Record<string, unknown>, payload: Record<string, unknown>) => {
  const input = `${b64({ alg: 'ES256', kid: key.kid, typ: tokenTypes.queue, ...header })}.${b64(payload)}`;
  return `${input}.${nodeSign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
};

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).not.toContain('eyJ');
    return (error as AppError).code;
  }
  throw new Error('expected a rejection');
}

describe('the origin token issuer (node:crypto)', () => {
  it('writes the tokens jose wrote: the same header and claims, verified by the edge', async () => {
    const { token, expiresAt } = await issuer.sign('queue', { sub: 'u1', evt: 'e1', seq: 7 }, 600);
    const [header, payload] = segments(token);
    expect(header).toEqual({ alg: 'ES256', kid: key.kid, typ: tokenTypes.queue });
    expect(Object.keys(payload)).toEqual(['sub', 'evt', 'seq', 'iss', 'aud', 'iat', 'exp']);
    expect(payload).toEqual({ sub: 'u1', evt: 'e1', seq: 7, iss: 'banjjak-origin', aud: 'banjjak', iat: now(), exp: now() + 600 });
    expect(expiresAt).toBe((now() + 600) * 1000);
    const privateKey = await importJWK({ ...(key.privateKey.export({ format: 'jwk' }) as JWK) }, 'ES256');
    const byJose = await new SignJWT({ sub: 'u1', evt: 'e1', seq: 7 })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: tokenTypes.queue })
      .setIssuer('banjjak-origin')
      .setAudience('banjjak')
      .setIssuedAt(now())
      .setExpirationTime(now() + 600)
      .sign(privateKey);
    expect(byJose.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect(await edgeVerify('queue', token)).toEqual(payload);
    expect(await issuer.verify('queue', byJose)).toEqual(payload);
    expect(await rejection(issuer.verify('id', token))).toBe('wrong_token_type');
  });

  const foreign = async (header: Record<string, unknown>) => {
    const { privateKey } = await generateKeyPair('ES256');
    return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: tokenTypes.queue, ...header }).sign(privateKey);
  };
  const cases: [string, () => Promise<string>, string][] = [
    ['alg: none', async () => `${b64({ alg: 'none', kid: key.kid, typ: tokenTypes.queue })}.${b64(claims())}.`, 'invalid_token'],
    ['alg: none with a signature', async () => `${b64({ alg: 'none', kid: key.kid, typ: tokenTypes.queue })}.${b64(claims())}.AAAA`, 'invalid_token'],
    [
      'HS256 with the public key as secret',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: tokenTypes.queue })
          .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk))),
      'invalid_token',
    ],
    ['ES384 in the header', async () => signedByOrigin({ alg: 'ES384' }, claims()), 'invalid_token'],
    ['a wrong typ', async () => signedByOrigin({ typ: 'JWT' }, claims()), 'wrong_token_type'],
    ['no typ', async () => signedByOrigin({ typ: undefined }, claims()), 'wrong_token_type'],
    ['an access typ', async () => signedByOrigin({ typ: tokenTypes.access }, claims()), 'wrong_token_type'],
    ['an unknown kid', async () => foreign({ kid: 'no-such-kid' }), 'invalid_token'],
    ['no kid', async () => foreign({}), 'invalid_token'],
    ['a known kid, a foreign key', async () => foreign({ kid: key.kid }), 'invalid_token'],
    ['expired', async () => signedByOrigin({}, claims({ exp: now() - 6 })), 'invalid_token'],
    ['not valid yet', async () => signedByOrigin({}, claims({ nbf: now() + 60 })), 'invalid_token'],
    ['a wrong audience', async () => signedByOrigin({}, claims({ aud: 'other' })), 'invalid_token'],
    ['a wrong issuer', async () => signedByOrigin({}, claims({ iss: 'someone-else' })), 'invalid_token'],
    ['no exp', async () => signedByOrigin({}, claims({ exp: undefined })), 'invalid_token'],
    ['a string exp', async () => signedByOrigin({}, claims({ exp: String(now() + 60) })), 'invalid_token'],
    ['no iat', async () => signedByOrigin({}, claims({ iat: undefined })), 'invalid_token'],
    ['a non-integer seq', async () => signedByOrigin({}, claims({ seq: 1.5 })), 'invalid_token'],
    ['a crit header', async () => signedByOrigin({ crit: ['exp'] }, claims()), 'invalid_token'],
    ['an unencoded payload (b64: false)', async () => signedByOrigin({ b64: false, crit: ['b64'] }, claims()), 'invalid_token'],
    ['claims that are not an object', async () => signedByOrigin({}, [claims()] as never), 'invalid_token'],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await issuer.sign('queue', { sub: 'u1', evt: 'e1', seq: 9 }, 600)).token.split('.');
        return `${header}.${b64(claims({ seq: 0 }))}.${signature}`;
      },
      'invalid_token',
    ],
    [
      'a tampered signature',
      async () => {
        const token = (await issuer.sign('queue', { sub: 'u1', evt: 'e1', seq: 9 }, 600)).token;
        return `${token.slice(0, -2)}${token.endsWith('A') ? 'BA' : 'AA'}`;
      },
      'invalid_token',
    ],
    [
      'a DER signature',
      async () => {
        const input = `${b64({ alg: 'ES256', kid: key.kid, typ: tokenTypes.queue })}.${b64(claims())}`;
        return `${input}.${nodeSign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
      },
      'invalid_token',
    ],
    ['a truncated token', async () => (await issuer.sign('queue', { sub: 'u1', evt: 'e1', seq: 1 }, 600)).token.slice(0, -10), 'invalid_token'],
    ['an oversized token', async () => `${(await issuer.sign('queue', { sub: 'u1', evt: 'e1', seq: 1 }, 600)).token}${'A'.repeat(3000)}`, 'invalid_token'],
    ['two segments', async () => `${b64({ alg: 'ES256', kid: key.kid })}.${b64(claims())}`, 'invalid_token'],
    ['a header that is not JSON', async () => `${b64('{"alg":')}.${b64(claims())}.AAAA`, 'invalid_token'],
  ];

  it.each(cases)('refuses %s with the code the edge (jose) gives', async (_name, make, code) => {
    const token = await make();
    expect(await rejection(issuer.verify('queue', token))).toBe(code);
    expect(await rejection(edgeVerify('queue', token))).toBe(code);
    // A refusal is not remembered as anything: the same token is refused again.
    expect(await rejection(issuer.verify('queue', token))).toBe(code);
  });

  it('accepts a typ the way jose compares it (case, media type prefix) and tolerates 5 s of skew', async () => {
    const token = signedByOrigin({ typ: `application/${tokenTypes.queue.toUpperCase()}` }, claims({ exp: now() - 4 }));
    expect(await issuer.verify('queue', token)).toMatchObject({ sub: 'u1', seq: 3 });
    expect(await edgeVerify('queue', token)).toMatchObject({ sub: 'u1', seq: 3 });
  });
});

describe('the issuer remembers verified tokens', () => {
  it('checks a remembered token for its kind and expiry on every use', async () => {
    const local = createTokenIssuer({ active: key, all: [key] }, defaultTokenSettings, clock);
    const { token } = await local.sign('queue', { sub: 'u2', evt: 'e1', seq: null }, 60);
    expect(await local.verify('queue', token)).toMatchObject({ sub: 'u2', seq: null });
    expect(await local.verify('queue', token)).toMatchObject({ sub: 'u2', seq: null });
    expect(await rejection(local.verify('access', token))).toBe('wrong_token_type');
    clock.advance(64_000);
    expect(await local.verify('queue', token)).toMatchObject({ sub: 'u2' });
    clock.advance(2_000);
    expect(await rejection(local.verify('queue', token))).toBe('invalid_token');
  });

  it('forgets every token when the key set changes, so a withdrawn key stops its tokens', async () => {
    const local = createTokenIssuer({ active: key, all: [key] }, defaultTokenSettings, clock);
    const { token } = await local.sign('id', { sub: 'u3', idk: 'guest' }, 600);
    expect(await local.verify('id', token)).toMatchObject({ sub: 'u3' });
    const { key: next } = await generateSigningKey(new Date(clock.now()));
    local.setKeys({ active: next, all: [next] });
    expect(await rejection(local.verify('id', token))).toBe('invalid_token');
    const fresh = (await local.sign('id', { sub: 'u4', idk: 'guest' }, 600)).token;
    expect(decodeProtectedHeader(fresh).kid).toBe(next.kid);
    expect(await local.verify('id', fresh)).toMatchObject({ sub: 'u4' });
  });
});
