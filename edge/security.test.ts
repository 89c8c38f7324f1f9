import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenTypes } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { generateSigningKey } from '../origin/tokens/signing-keys.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
let queueToken: string;
let accessToken: string;
const eventId = 'drop-sec';

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());

beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  for (const id of [eventId, 'drop-other']) {
    const created = await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { id }) });
    expect(created.status).toBe(201);
  }
  edge = createTestEdge(origin.app, origin.clock);
  const guest = await callApp(edge.app, 'POST', '/api/auth/guest');
  queueToken = (await callApp(edge.app, 'POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken })).body.queueToken;
  origin.clock.advance(200);
  const admit = await callApp(edge.app, 'POST', `/api/queue/${eventId}/admit`, { token: queueToken });
  expect(admit.status).toBe(200);
  accessToken = admit.body.accessToken;
  // Warm the edge: keys loaded, state cached; from here on no bad request may reach the origin.
  await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: queueToken });
});

const now = () => Math.floor(origin.clock.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'intruder', evt: eventId, iss: 'banjjak-origin', aud: 'banjjak', iat: now(), exp: now() + 600, ...extra });
const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

async function foreignKeyToken(kid: string, extra: Record<string, unknown> = {}) {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims(extra)).setProtectedHeader({ alg: 'ES256', kid, typ: tokenTypes.access }).sign(privateKey);
}

/** Each case: a booking attempt that must die at the edge with a 4xx problem+json. */
const cases: [string, () => Promise<{ token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }>, number, string][] = [
  ['alg: none', async () => ({ token: `${b64({ alg: 'none', typ: tokenTypes.access })}.${b64(claims())}.` }), 401, 'invalid_token'],
  [
    'HS256 signed with the public key',
    async () => {
      const publicJwk = (await callApp(origin.app, 'GET', '/.well-known/jwks.json')).body.keys[0];
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      return { token: await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid, typ: tokenTypes.access }).sign(secret) };
    },
    401,
    'invalid_token',
  ],
  ['unknown kid', async () => ({ token: await foreignKeyToken('no-such-kid') }), 401, 'invalid_token'],
  ['a known kid, a foreign key', async () => ({ token: await foreignKeyToken(kidOf(accessToken)) }), 401, 'invalid_token'],
  [
    'expired',
    async () => {
      const key = (await callApp(origin.app, 'GET', '/.well-known/jwks.json')).body.keys[0];
      return { token: `${b64({ alg: 'ES256', kid: key.kid, typ: tokenTypes.access })}.${b64(claims({ exp: now() - 60 }))}.AAAA` };
    },
    401,
    'invalid_token',
  ],
  ['another event', async () => ({ token: accessToken, path: '/api/events/drop-other/bookings' }), 403, 'wrong_event'],
  ['a queue token used as an access token', async () => ({ token: queueToken }), 403, 'wrong_token_type'],
  ['a truncated token', async () => ({ token: accessToken.slice(0, -12) }), 401, 'invalid_token'],
  ['an oversized token', async () => ({ token: `${accessToken}${'A'.repeat(8_000)}` }), 401, 'invalid_token'],
  ['no token', async () => ({}), 401, 'unauthorized'],
  ['an oversized body', async () => ({ token: accessToken, rawBody: JSON.stringify({ itemId: 'slot-a', pad: 'x'.repeat(40_000) }) }), 413, 'payload_too_large'],
];

describe('edge security: bad tokens and bodies die at the edge', () => {
  it.each(cases)('%s → %i %s, and the origin sees nothing', async (_name, make, status, code) => {
    const { path = `/api/events/${eventId}/bookings`, ...options } = (await make()) as { path?: string };
    const before = edge.originRequests.length;
    const result = await callApp(edge.app, 'POST', path, { headers: { 'idempotency-key': 'sec-key-0001' }, body: { itemId: 'slot-a' }, ...options });
    expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    if (status === 401) expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(edge.originRequests.slice(before).filter((call) => !call.endsWith('/.well-known/jwks.json'))).toEqual([]);
  });

  it('a token that is not valid yet is refused', async () => {
    const nbf = await foreignKeyToken(kidOf(accessToken), { nbf: now() + 3_600 });
    const result = await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: nbf });
    expect(result.status).toBe(401);
  });

  it('answers 404 to ids nothing can have, cache-busting paths included, without asking the origin', async () => {
    const before = edge.originRequests.length;
    const long = 'x'.repeat(2_100);
    for (const [method, path] of [
      ['GET', `/api/events/${long}`],
      ['GET', `/api/queue/${long}/state`],
      ['GET', `/api/queue/${long}/status`],
      ['POST', `/api/queue/${long}/join`],
      ['GET', `/api/channels/${'c'.repeat(65)}`],
      ['GET', `/hls/${long}/live.m3u8`],
      ['GET', '/api/events/a%20b'],
    ] as const) {
      const result = await callApp(edge.app, method, path, { token: queueToken });
      expect([result.status, result.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
      expect(result.body.code).toBe(path.startsWith('/api/channels') ? 'channel_not_found' : path.startsWith('/hls') ? 'not_found' : 'event_not_found');
    }
    expect(edge.originRequests.slice(before)).toEqual([]);
  });

  it('forged kids cannot make the edge hammer the origin for keys: one load per second at most', async () => {
    const before = edge.jwks.loads();
    const started = Date.now();
    const forged = await Promise.all(Array.from({ length: 50 }, (_, i) => foreignKeyToken(`forged-${i}`)));
    const burst = await Promise.all(forged.map((token) => callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token })));
    expect(burst.map((result) => result.status)).toEqual(Array(50).fill(401));
    expect(edge.jwks.loads() - before).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - started) / 1000));
    for (let i = 0; i < 3; i += 1) {
      await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: await foreignKeyToken(`forged-again-${i}`) });
    }
    const seconds = (Date.now() - started) / 1000;
    expect(edge.jwks.loads() - before).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it('follows a key rotation at the origin without a restart', async () => {
    const { key } = await generateSigningKey(new Date(origin.clock.now()));
    const { deps } = origin;
    const previous = (await callApp(origin.app, 'GET', '/.well-known/jwks.json')).body.keys.length;
    expect(previous).toBe(1);
    const oldKey = (deps.tokens as unknown as { jwks(): { keys: { kid: string }[] } }).jwks().keys[0]!;
    deps.tokens.setKeys({ active: key, all: [key, { ...key, kid: oldKey.kid, publicJwk: oldKey }] });
    const guest = await callApp(edge.app, 'POST', '/api/auth/guest');
    const joined = await callApp(edge.app, 'POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    expect(kidOf(joined.body.queueToken)).toBe(key.kid);
    // No time passes: the edge loaded its keys moments ago, and still follows the new kid at once.
    const status = await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: joined.body.queueToken });
    expect(status.status).toBe(200);
    const old = await callApp(edge.app, 'GET', `/api/queue/${eventId}/status`, { token: queueToken });
    expect(old.status).toBe(200);
  });
});
