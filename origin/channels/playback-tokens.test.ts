import { importJWK, jwtVerify, SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { playbackTokenResponseSchema } from '../../core/index.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import type { ChannelConfig } from './channel-config.js';
import { loadPlaybackPrivateKey, PLAYBACK_ALGORITHM } from './playback-tokens.js';

const channels: ChannelConfig[] = [
  { id: 'ch-vip', title: 'Members preview', private: true, eventId: 'vip-drop' },
  { id: 'ch-ivs', title: 'IVS private', private: true, eventId: 'vip-drop', ivsChannelArn: 'arn:aws:ivs:ap-northeast-2:123456789012:channel/AbCdEf' },
  { id: 'ch-open', title: 'Open live', private: false, eventId: 'open-drop' },
];

let dynamo: TestDynamo;
let origin: TestOrigin;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => (origin = await createTestOrigin(dynamo, { channels })));

const requestToken = (channelId: string, token?: string) => callApp(origin.app, 'POST', `/api/channels/${channelId}/playback-token`, { ...(token && { token }) });
const idToken = async (sub = 'u-viewer', ttl = 3_600) => (await origin.deps.tokens.sign('id', { sub, idk: 'guest' }, ttl)).token;
const accessToken = async (evt: string) => (await origin.deps.tokens.sign('access', { sub: 'u-buyer', evt }, 600)).token;

async function verifyPlayback(token: string) {
  const jwk = (await callApp(origin.app, 'GET', '/.well-known/playback-key.json')).body;
  expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
  expect(jwk).not.toHaveProperty('d');
  return jwtVerify(token, await importJWK(jwk, PLAYBACK_ALGORITHM), { algorithms: [PLAYBACK_ALGORITHM], currentDate: new Date(origin.clock.now()) });
}

describe('POST /api/channels/:channelId/playback-token', () => {
  it('gives a signed-in viewer an ES384 token IVS accepts: channel ARN, origin, viewer id, exp in seconds', async () => {
    const answer = await requestToken('ch-vip', await idToken('u-viewer'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = playbackTokenResponseSchema.parse(answer.body);
    const { payload, protectedHeader } = await verifyPlayback(body.token);
    const nowSeconds = Math.floor(origin.clock.now() / 1000);
    expect(protectedHeader).toEqual({ alg: 'ES384', typ: 'JWT' });
    expect(payload).toEqual({
      'aws:channel-arn': 'arn:aws:ivs:local:000000000000:channel/ch-vip',
      'aws:access-control-allow-origin': '*',
      'aws:viewer-id': 'u-viewer',
      iat: nowSeconds,
      exp: nowSeconds + 600,
    });
    expect(Date.parse(body.expiresAt)).toBe((nowSeconds + 600) * 1000);
    expect(body.playbackUrl).toBe(`/hls/ch-vip/master.m3u8?token=${body.token}`);
  });

  it("names the IVS channel's ARN, and lets the holder of an access token of the channel's drop watch", async () => {
    const answer = await requestToken('ch-ivs', await accessToken('vip-drop'));
    expect(answer.status).toBe(200);
    const { payload } = await verifyPlayback(answer.body.token);
    expect(payload['aws:channel-arn']).toBe('arn:aws:ivs:ap-northeast-2:123456789012:channel/AbCdEf');
    expect(payload['aws:viewer-id']).toBe('u-buyer');
  });

  it('refuses without a token, with a forged or expired one, and with an access token of another drop', async () => {
    const forged = await new SignJWT({ sub: 'u-x', idk: 'guest' })
      .setProtectedHeader({ alg: 'ES256', typ: 'banjjak-id+jwt', kid: 'forged' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const expired = await idToken('u-late', 60);
    const otherDrop = await accessToken('open-drop');
    origin.clock.advance(120_000);
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'unauthorized'],
      [forged, 401, 'invalid_token'],
      [expired, 401, 'invalid_token'],
      [otherDrop, 403, 'not_eligible'],
      ['not-a-jwt', 401, 'invalid_token'],
    ];
    for (const [token, status, code] of cases) {
      const answer = await requestToken('ch-vip', token);
      expect([answer.status, answer.body.code], String(token)).toEqual([status, code]);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 404 for an unknown channel and 409 not_private for a public one', async () => {
    const token = await idToken();
    const unknown = await requestToken('ch-nowhere', token);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'channel_not_found']);
    const open = await requestToken('ch-open', token);
    expect([open.status, open.body.code]).toEqual([409, 'not_private']);
    expect(open.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('loadPlaybackPrivateKey', () => {
  it('takes a P-384 PEM and refuses a key of another curve', () => {
    const pem = (curve: string) => generateKeyPairSync('ec', { namedCurve: curve }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadPlaybackPrivateKey(pem('secp384r1')).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(() => loadPlaybackPrivateKey(pem('prime256v1'))).toThrow(/P-384/);
  });
});
