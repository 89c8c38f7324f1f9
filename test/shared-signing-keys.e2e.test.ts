import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/index.js';
import { createEdgeApp } from '../edge/app.js';
import { defaultEdgeSettings } from '../edge/deps.js';
import { loadJwks } from '../edge/tokens/load-jwks.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../origin/redis/test-support/redis-server.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { startOrigin, type OriginProcess } from './support/start-origin.js';

const ADMIN_TOKEN = 'shared-keys-admin-token-0123456789';
const kidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;

/** The edge app in this process, reading (and verifying with the JWKS of) one origin process. */
function edgeOn(origin: OriginProcess) {
  const fetchOrigin = (path: string, init: RequestInit) => fetch(new URL(path, origin.url), init);
  return createEdgeApp({ clock: systemClock, origin: fetchOrigin, jwks: loadJwks(fetchOrigin, systemClock), settings: { ...defaultEdgeSettings, rateLimits: false } });
}

async function call(base: string | { request(path: string, init: RequestInit): Response | Promise<Response> }, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers, ...(options.token && { authorization: `Bearer ${options.token}` }) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const init = { method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }) };
  const response = typeof base === 'string' ? await fetch(new URL(path, base), init) : await base.request(path, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * DESIGN.md §4 invariant 9: two origin processes started at the same moment on the same data
 * (DATA_DIR, dynalite, redis-server) end on one key set, so a token either mints the other
 * accepts, and so does the edge with the JWKS of either.
 */
describe.runIf(redisServerAvailable())('two origin processes share one signing key set', () => {
  let dataDir: string;
  let dynamo: TestDynamo;
  let redis: RedisServer;
  let a: OriginProcess;
  let b: OriginProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-shared-keys-'));
    [dynamo, redis] = await Promise.all([startDynalite(), startRedisServer()]);
    const env = { ADMIN_TOKEN, DATA_DIR: dataDir, DYNAMODB_ENDPOINT: dynamo.endpoint, DYNAMODB_TABLE: 'banjjak', AWS_REGION: 'local', REDIS_URL: redis.url };
    // Started together: both find no key file and race to create it.
    [a, b] = await Promise.all([startOrigin(env), startOrigin(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([dynamo?.close(), redis?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes the same keys from both, the ones kept under DATA_DIR', async () => {
    const [jwksA, jwksB] = await Promise.all([call(a.url, 'GET', '/.well-known/jwks.json'), call(b.url, 'GET', '/.well-known/jwks.json')]);
    expect(jwksA.body.keys).toHaveLength(1);
    expect(jwksB.body).toEqual(jwksA.body);
    const stored = JSON.parse(await readFile(join(dataDir, 'keys', 'signing-keys.json'), 'utf8'));
    expect(stored.map((key: { kid: string }) => key.kid)).toEqual([jwksA.body.keys[0].kid]);
  });

  it('accepts at each origin the id, queue and access tokens the other minted', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const created = await call(a.url, 'POST', '/api/admin/events', {
      token: ADMIN_TOKEN,
      body: { title: 'Shared keys', kind: 'booking', startsAt, endsAt: new Date(Date.now() + 3_600_000).toISOString(), admission: { newUsersPerMinute: 6000, maxActiveUsers: 100, sessionSeconds: 600 }, items: [{ id: 'slot', label: '10:00', capacity: 5, perUserLimit: 1 }] },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const guest = await call(a.url, 'POST', '/api/auth/guest');
    const joined = await call(b.url, 'POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    expect(joined.status).toBe(201);
    let admit = await call(a.url, 'POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
    for (let waited = 0; admit.status === 409 && waited < 3_000; waited += 100) {
      await new Promise((next) => setTimeout(next, 100));
      admit = await call(a.url, 'POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
    }
    expect(admit.status).toBe(200);
    expect(kidOf(guest.body.idToken)).toBe(kidOf(joined.body.queueToken));

    const booking = { token: admit.body.accessToken, headers: { 'idempotency-key': 'shared-keys-0001' }, body: { itemId: 'slot' } };
    expect((await call(b.url, 'POST', `/api/events/${eventId}/bookings`, booking)).status).toBe(201);
    expect((await call(b.url, 'GET', '/api/me/bookings', { token: guest.body.idToken })).body.bookings).toHaveLength(1);

    // The edge, with the JWKS of either origin, accepts the tokens the other minted.
    const edgeOnA = edgeOn(a);
    const edgeOnB = edgeOn(b);
    expect((await call(edgeOnA, 'GET', `/api/queue/${eventId}/status`, { token: joined.body.queueToken })).status).toBe(200);
    expect((await call(edgeOnB, 'POST', `/api/events/${eventId}/bookings`, booking)).status).toBe(200);
    expect((await call(edgeOnA, 'GET', `/api/queue/${eventId}/status`, { token: `${joined.body.queueToken.slice(0, -4)}AAAA` })).status).toBe(401);
  });

  it('rotates on an operator request: the other origin and the edge on it accept the new key at once, and every older token stays valid', async () => {
    const before = await call(b.url, 'GET', '/.well-known/jwks.json');
    const oldGuest = await call(b.url, 'POST', '/api/auth/guest');
    const edgeOnB = edgeOn(b);
    // The edge has its keys loaded just now: the new kid must not wait for any cooldown.
    expect((await call(edgeOnB, 'GET', '/api/me/bookings', { token: oldGuest.body.idToken })).status).toBe(200);

    expect((await call(a.url, 'POST', '/api/admin/keys/rotate')).status).toBe(401);
    const rotated = await call(a.url, 'POST', '/api/admin/keys/rotate', { token: ADMIN_TOKEN });
    const rotatedAt = Date.now();
    expect(rotated.status).toBe(201);
    expect(rotated.body.kids).toEqual([rotated.body.activeKid, ...before.body.keys.map((key: { kid: string }) => key.kid)]);

    const guest = await call(a.url, 'POST', '/api/auth/guest');
    expect(kidOf(guest.body.idToken)).toBe(rotated.body.activeKid);
    // B has not reloaded its keys (that happens once a minute): the unknown kid makes it look.
    const viaEdge = await call(edgeOnB, 'GET', '/api/me/bookings', { token: guest.body.idToken });
    const acceptedAfterMs = Date.now() - rotatedAt;
    expect(viaEdge.status).toBe(200);
    expect(acceptedAfterMs).toBeLessThan(1_000);
    expect((await call(b.url, 'GET', '/api/me/bookings', { token: guest.body.idToken })).status).toBe(200);
    expect((await call(b.url, 'GET', '/.well-known/jwks.json')).body.keys.map((key: { kid: string }) => key.kid)).toEqual(rotated.body.kids);
    // And B now signs with the new key too.
    expect(kidOf((await call(b.url, 'POST', '/api/auth/guest')).body.idToken)).toBe(rotated.body.activeKid);
    for (const base of [a.url, b.url, edgeOnB]) {
      expect((await call(base, 'GET', '/api/me/bookings', { token: oldGuest.body.idToken })).status).toBe(200);
    }
  });
});
