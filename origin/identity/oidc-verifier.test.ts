import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createOidcVerifier } from './oidc-verifier.js';

const ISSUER = 'https://idp.example.test/pool-1';
const AUDIENCE = 'banjjak-web-client';

/** A stand-in identity provider: real keys, a JWKS served over real HTTP. */
let provider: { server: Server; jwksUrl: string; keys: Record<'rs' | 'es' | 'stranger', { privateKey: CryptoKey; kid: string; alg: string }> };
let dynamo: TestDynamo;
let origin: TestOrigin;

beforeAll(async () => {
  const make = async (alg: 'RS256' | 'ES256', kid: string) => ({ ...(await generateKeyPair(alg, { extractable: true })), kid, alg });
  const [rs, es, stranger] = await Promise.all([make('RS256', 'rs-1'), make('ES256', 'es-1'), make('RS256', 'rs-unpublished')]);
  const jwks = { keys: await Promise.all([rs, es].map(async ({ publicKey, kid, alg }) => ({ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }))) };
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/jwks.json' ? JSON.stringify(jwks) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider = { server, jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, keys: { rs, es, stranger } };
  dynamo = await startDynalite();
});
afterAll(async () => {
  await new Promise<void>((resolve) => provider.server.close(() => resolve()));
  await dynamo.close();
});
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  const oidc = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: provider.jwksUrl }, origin.clock);
  origin = await createTestOrigin(dynamo, { clock: origin.clock, oidc });
});

/** An id token as the provider would sign it, at the origin's (fake) time. */
async function idToken(claims: JWTPayload = {}, options: { key?: 'rs' | 'es' | 'stranger'; typ?: string } = {}) {
  const { privateKey, kid, alg } = provider.keys[options.key ?? 'rs'];
  const now = Math.floor(origin.clock.now() / 1000);
  const payload = { iss: ISSUER, aud: AUDIENCE, sub: '3f1c-user', iat: now, exp: now + 3_600, token_use: 'id', name: 'Min-ji', ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg, kid, ...(options.typ && { typ: options.typ }) }).sign(privateKey);
}

const createEvent = async (overrides: Record<string, unknown> = {}) =>
  (await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, overrides) })).body.id as string;

describe('an external OpenID Connect provider', () => {
  it('lets its users join, book and list their bookings as members, namespaced oidc:<sub>', async () => {
    const eventId = await createEvent({ guestsAllowed: false });
    const token = await idToken();
    const joined = await callApp(origin.app, 'POST', `/api/queue/${eventId}/join`, { token });
    expect(joined.status).toBe(201);
    origin.clock.advance(200);
    const admitted = await callApp(origin.app, 'POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
    const booked = await callApp(origin.app, 'POST', `/api/events/${eventId}/bookings`, {
      token: admitted.body.accessToken,
      headers: { 'idempotency-key': 'oidc-booking-1' },
      body: { itemId: 'slot-a' },
    });
    expect([booked.status, booked.body.booking.userId]).toEqual([201, 'oidc:3f1c-user']);
    const mine = await callApp(origin.app, 'GET', '/api/me/bookings', { token: await idToken({}, { key: 'es' }) });
    expect(mine.body.bookings.map((b: { id: string }) => b.id)).toEqual([booked.body.booking.id]);
    const cancelled = await callApp(origin.app, 'DELETE', `/api/bookings/${booked.body.booking.id}`, { token });
    expect([cancelled.status, cancelled.body.booking.status]).toEqual([200, 'cancelled']);
  });

  it('still accepts our own id tokens, and keeps guests out of members-only events', async () => {
    const eventId = await createEvent({ guestsAllowed: false });
    const guest = (await callApp(origin.app, 'POST', '/api/auth/guest')).body.idToken;
    expect((await callApp(origin.app, 'GET', '/api/me/bookings', { token: guest })).status).toBe(200);
    const refused = await callApp(origin.app, 'POST', `/api/queue/${eventId}/join`, { token: guest });
    expect([refused.status, refused.body.code]).toEqual([403, 'members_only']);
  });

  it.each([
    ['another audience', () => idToken({ aud: 'someone-else' })],
    ['an expired token', () => idToken({ exp: Math.floor(origin.clock.now() / 1000) - 60 })],
    ['a key the provider does not publish', () => idToken({}, { key: 'stranger' })],
    ['an access token (typ at+jwt)', () => idToken({}, { typ: 'at+jwt' })],
    ['an access token (Cognito token_use)', () => idToken({ token_use: 'access' })],
    ['a symmetric signature', () => new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('k'.repeat(32)))],
    ['an unsigned token', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, sub: 'x', aud: AUDIENCE })).toString('base64url')}.`],
    ['an empty subject', () => idToken({ sub: '' })],
  ])('refuses %s with 401 invalid_token', async (_name, make) => {
    const result = await callApp(origin.app, 'GET', '/api/me/bookings', { token: await make() });
    expect([result.status, result.body.code]).toEqual([401, 'invalid_token']);
    expect(JSON.stringify(result.body)).not.toContain('3f1c-user');
  });

  it('answers 503, not 401, while the provider’s keys cannot be fetched', async () => {
    const down = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:9/jwks.json', jwksTimeoutMs: 500 }, origin.clock);
    const offline = await createTestOrigin(dynamo, { clock: origin.clock, oidc: down });
    const result = await callApp(offline.app, 'GET', '/api/me/bookings', { token: await idToken() });
    expect([result.status, result.body.code]).toEqual([503, 'origin_unavailable']);
  });
});
