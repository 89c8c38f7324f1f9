import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../core/api/contract.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../origin/redis/test-support/redis-server.js';
import { startStack, type RunningStack } from './support/start-stack.js';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';
const REQUESTS = 5_000;
const CONCURRENCY = 16;

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

/**
 * Every route of the contract, fuzzed with fast-check against the real local stack (edge, origin,
 * dynalite, redis-server): generated ids, methods, tokens (valid ones of every kind, and the real
 * signing key's tokens with a claim gone wrong), headers and bodies. No answer may be a 5xx, every
 * refusal is problem+json, and the stack's state (the event's numbers, its bookings, the catalog)
 * is the same afterwards.
 */
describe.runIf(redisServerAvailable())(`fuzzing every route: ${REQUESTS} generated requests against the real stack`, () => {
  let dataDir: string;
  let redis: RedisServer;
  let stack: RunningStack;
  let eventId: string;
  const tokens: Record<string, string> = {};

  const send = async ({ method, path, headers, body }: Generated) => {
    const response = await fetch(`${stack.url}${path}`, { method, headers, ...(body !== undefined && method !== 'GET' && method !== 'HEAD' && { body }) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  };
  const json = async (method: string, path: string, token?: string, body?: unknown) => {
    const headers: Record<string, string> = { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) };
    const answer = await send({ method, path, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return { status: answer.status, body: answer.text ? JSON.parse(answer.text) : undefined };
  };
  /**
   * What no refused request may change. A join without a token is a valid request (a guest takes
   * a place): the line's length and how far it is served are counted apart.
   */
  const snapshot = async (placesTaken = 0) => {
    const { tailSeq, servingSeq: _serving, waiting: _waiting, ...stats } = (await json('GET', `/api/admin/events/${eventId}/stats`, ADMIN_TOKEN)).body;
    stats.placesInLine = tailSeq - placesTaken;
    const bookings = (await json('GET', `/api/admin/events/${eventId}/bookings`, ADMIN_TOKEN)).body.bookings.map((b: { id: string; status: string }) => `${b.id}:${b.status}`).sort();
    const catalog = (await json('GET', '/api/catalog')).body;
    return { stats, bookings, events: JSON.stringify(catalog.events ?? catalog) };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-fuzz-'));
    redis = await startRedisServer();
    stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true', REDIS_URL: redis.url });
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const created = await json('POST', '/api/admin/events', ADMIN_TOKEN, {
      title: 'Fuzz target', kind: 'booking', startsAt, endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      admission: { newUsersPerMinute: 6_000, maxActiveUsers: 100, sessionSeconds: 600 },
      items: [{ id: 'slot-a', label: '10:00', capacity: 5, perUserLimit: 1 }],
    });
    eventId = created.body.id;
    const guest = await json('POST', '/api/auth/guest');
    const joined = await json('POST', `/api/queue/${eventId}/join`, guest.body.idToken);
    const admitted = await json('POST', `/api/queue/${eventId}/admit`, joined.body.queueToken);
    expect(admitted.status).toBe(200);
    const queueToken: string = joined.body.queueToken;
    const accessToken: string = admitted.body.accessToken;
    Object.assign(tokens, { queue: queueToken, access: accessToken, admin: ADMIN_TOKEN });
    // The real signing key, to make tokens that are signed right and wrong in one claim.
    const [stored] = JSON.parse(await readFile(join(dataDir, 'keys', 'signing-keys.json'), 'utf8')) as { kid: string; privateJwk: JWK }[];
    const key = await importJWK(stored!.privateJwk, 'ES256');
    const resign = (token: string, change: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT({ ...claimsOf(token), ...change }).setProtectedHeader({ ...headerOf(token), ...header } as { alg: string }).sign(key);
    const now = Math.floor(Date.now() / 1000);
    tokens.expired = await resign(accessToken, { exp: now - 120, iat: now - 600 });
    tokens.otherEvent = await resign(accessToken, { eid: 'another-event', event: 'another-event' });
    tokens.otherAudience = await resign(queueToken, { aud: 'someone-else' });
    tokens.notYet = await resign(queueToken, { nbf: now + 3_600 });
    tokens.forgedKid = await resign(accessToken, {}, { kid: 'forged-kid' });
    tokens.algNone = `${b64({ alg: 'none', typ: headerOf(accessToken).typ })}.${accessToken.split('.')[1]}.`;
    tokens.badSignature = `${accessToken.slice(0, -6)}AAAAAA`;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const oddIds = ['', '..', '%2e%2e', '%00', '%ZZ', 'a%2Fb', '%F0%9F%92%A5', 'x'.repeat(2_100), 'seongsu-popup', 'slot-a', ' ', '-', '_a', 'A'.repeat(64), 'a.b', '%20', '%u0000'];
  const id = () =>
    fc.oneof(
      // The real event half the time, so refusals come from deep in the routes, not only the path guard.
      { weight: 4, arbitrary: fc.constant(eventId) },
      fc.constantFrom(...oddIds),
      fc.string({ maxLength: 80 }).map(encodeURIComponent),
      fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
    );
  const path = () =>
    fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...contract), fc.array(id(), { minLength: 4, maxLength: 4 })).map(([op, ids]) => ({ op, path: op.path.split('/').map((part) => (part.startsWith(':') ? ids.pop()! : part)).join('/') })) },
      { weight: 1, arbitrary: fc.array(id(), { minLength: 1, maxLength: 5 }).map((parts) => ({ op: undefined, path: `/api/${parts.join('/')}` })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/hls/', '/.well-known/'), id(), id()).map(([root, a, b]) => ({ op: undefined, path: `${root}${a}/${b}` })) },
    );
  const token = () =>
    fc.oneof(
      fc.constant(undefined),
      { weight: 3, arbitrary: fc.constantFrom(...Object.keys(tokens)).map((name) => tokens[name]) },
      fc.string({ maxLength: 200 }),
      fc.constant('x'.repeat(9_000)),
    );
  const body = () =>
    fc.oneof(
      fc.constant(undefined),
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 100 }),
      fc.record({ itemId: fc.oneof(id(), fc.integer()), quantity: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.record({ username: fc.string(), password: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.record({ paused: fc.anything(), title: fc.anything(), items: fc.anything(), admission: fc.anything() }, { requiredKeys: [] }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.constant(`{"a":"${'z'.repeat(40_000)}"}`),
    );
  const request = (): fc.Arbitrary<Generated> =>
    fc
      .record({
        target: path(),
        method: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'), { freq: 3 }),
        token: token(),
        body: body(),
        contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x'), { freq: 4 }),
        key: fc.option(fc.oneof(fc.string({ maxLength: 80 }).filter((text) => /^[\x21-\x7e]*$/.test(text)), fc.constant('k'.repeat(300))), { freq: 2 }),
        query: fc.option(fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'part', 'x', 'kid'), fc.string({ maxLength: 30 })), { maxLength: 3 })),
      })
      .map(({ target, method, token: bearer, body: text, contentType, key, query }) => {
        const headers: Record<string, string> = {};
        if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
        if (contentType ?? (text !== undefined && 'application/json')) headers['content-type'] = contentType ?? 'application/json';
        if (key !== null) headers['idempotency-key'] = key;
        const search = query?.length ? `?${new URLSearchParams(query).toString()}` : '';
        return { method: method ?? target.op?.method.toUpperCase() ?? 'GET', path: `${target.path}${search}`, headers, ...(text !== undefined && { body: text }) };
      });

  it('answers every request below 500, refuses with problem+json, and changes nothing', async () => {
    const before = await snapshot();
    const samples = fc.sample(request(), { numRuns: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? 20261207) });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let next = 0;
    let placesTaken = 0;
    const accepted = new Map<string, number>();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < samples.length) {
          const generated = samples[next++]!;
          let answer;
          try {
            answer = await send(generated);
          } catch (error) {
            // A URL fetch itself refuses to send (never reached the stack) is not a request.
            if ((error as Error).message.includes('fetch failed')) failures.push(`${generated.method} ${generated.path.slice(0, 120)}: connection ${String((error as Error).cause)}`);
            continue;
          }
          sent += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status < 300 && !['GET', 'HEAD', 'OPTIONS'].includes(generated.method)) {
            const route = `${generated.method} ${generated.path.split('?')[0]!.replace(eventId, ':eventId')}`;
            accepted.set(route, (accepted.get(route) ?? 0) + 1);
            if (answer.status === 201 && route === 'POST /api/queue/:eventId/join') placesTaken += 1;
          }
          const what = `${generated.method} ${generated.path.slice(0, 120)} → ${answer.status}`;
          if (answer.status >= 500) failures.push(`${what}: ${answer.text.slice(0, 200)}`);
          else if (answer.status >= 400 && !answer.type.startsWith('application/problem+json')) failures.push(`${what}: ${answer.type}`);
          else if (answer.status >= 400 && generated.method !== 'HEAD' && typeof JSON.parse(answer.text).code !== 'string') failures.push(`${what}: no code`);
        }
      }),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS * 0.99);
    // Valid writes the fuzzer may make: new guests, guests joining the line (counted above), the
    // admitted visitor admitted again (the same session), a key rotation by the operator token.
    const valid = new Set(['POST /api/auth/guest', 'POST /api/queue/:eventId/join', 'POST /api/queue/:eventId/admit', 'POST /api/admin/keys/rotate']);
    expect([...accepted.keys()].filter((route) => !valid.has(route))).toEqual([]);
    expect(await snapshot(placesTaken)).toEqual(before);
    console.log(`fuzz: ${sent} requests, answers by status: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}; writes accepted: ${JSON.stringify(Object.fromEntries(accepted))}`);
  }, 600_000);
});
