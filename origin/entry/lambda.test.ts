import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOriginLambda, ORIGIN_LAMBDA_HANDLER } from '../../tools/build-origin-lambda.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../redis/test-support/redis-server.js';
import { functionUrlEvent, invoke, type EventOptions, type InvokeResult } from '../test-support/function-url-event.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

const ADMIN_TOKEN = 'lambda-test-admin-token-0123456789';
type Handler = Parameters<typeof invoke>[0];

/**
 * The bundle `buildOriginLambda()` ships, imported from a temp folder holding only what the asset
 * holds (so the Lua scripts must come from there), configured as the CDK app configures it, on
 * dynalite and a real redis-server, driven by Function URL events.
 */
describe.runIf(redisServerAvailable())('the origin Lambda bundle', () => {
  let dir: string;
  let dynamo: TestDynamo;
  let redis: RedisServer;
  let handler: Handler;
  const call = (method: string, path: string, options?: EventOptions) => invoke(handler, functionUrlEvent(method, path, options));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banjjak-lambda-'));
    [dynamo, redis] = await Promise.all([startDynalite(), startRedisServer()]);
    const bundle = await buildOriginLambda(join(dir, 'asset'));
    const env = {
      ADMIN_TOKEN,
      DATA_DIR: join(dir, 'data'),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      DYNAMODB_TABLE: 'banjjak-lambda',
      AWS_REGION: 'local',
      CREATE_TABLE: 'true',
      SEED_DEMO: 'false',
      REDIS_URL: redis.url,
      TOKEN_ISSUER: 'https://drops.example.com',
      TOKEN_AUDIENCE: 'banjjak',
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.BANJJAK_STACK;
    try {
      const [file, name] = ORIGIN_LAMBDA_HANDLER.split('.') as [string, string];
      handler = ((await import(pathToFileURL(join(bundle.dir, `${file}.mjs`)).href)) as Record<string, Handler>)[name]!;
    } finally {
      process.env = saved;
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([dynamo?.close(), redis?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  const expectProblem = (result: InvokeResult, status: number, code: string) => {
    expect({ status: result.status, code: result.body?.code, type: result.headers['content-type'] }).toEqual({ status, code, type: 'application/problem+json' });
  };

  it('ships one ES module and the Lua scripts, and points at nothing in the source tree', async () => {
    const asset = join(dir, 'asset');
    expect((await readdir(asset)).sort()).toEqual(['admission', 'channels', 'index.mjs', 'index.mjs.map', 'inventory', 'qoe', 'replays']);
    expect(await readdir(join(asset, 'inventory/lua'))).toContain('reserve.lua');
    expect(await readdir(join(asset, 'channels'))).toEqual(['lua']);
    expect(await readdir(join(asset, 'channels/lua'))).toContain('add-hearts.lua');
    expect((await readdir(join(asset, 'qoe/lua'))).sort()).toEqual(['qoe-summary.lua', 'record-qoe.lua']);
    expect((await readdir(join(asset, 'replays/lua'))).sort()).toEqual(['count-play.lua', 'restore-plays.lua', 'take-plays.lua']);
    expect(await readFile(join(asset, 'index.mjs'), 'utf8')).not.toContain(resolve('origin'));
  });

  it('walks admin → guest → join → admit → book → replay → cancel through Function URL events', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const body = {
      title: 'Lambda drop', kind: 'booking', startsAt, endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      admission: { newUsersPerMinute: 6000, maxActiveUsers: 100, sessionSeconds: 600 },
      items: [{ id: 'slot-a', label: '10:00', capacity: 2, perUserLimit: 1 }],
    };
    const created = await call('POST', '/api/admin/events', { token: ADMIN_TOKEN, body });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const guest = await call('POST', '/api/auth/guest');
    expect(guest.status).toBe(201);
    // Function URLs hand some bodies over base64-encoded; the adapter decodes them.
    const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken, body: {}, base64: true });
    expect(joined.status).toBe(201);
    let admit = await call('POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
    for (let waited = 0; admit.status === 409 && waited < 3_000; waited += 100) {
      await new Promise((next) => setTimeout(next, 100));
      admit = await call('POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
    }
    expect(admit.status).toBe(200);

    const book = () => call('POST', `/api/events/${eventId}/bookings`, { token: admit.body.accessToken, headers: { 'idempotency-key': 'lambda-key-0001' }, body: { itemId: 'slot-a' } });
    const booked = await book();
    expect(booked.status).toBe(201);
    expect(booked.body.booking).toMatchObject({ eventId, itemId: 'slot-a', userId: guest.body.userId, quantity: 1, status: 'confirmed' });
    const replay = await book();
    expect(replay.status).toBe(200);
    expect(replay.body.booking.id).toBe(booked.body.booking.id);
    expect((await call('GET', `/api/events/${eventId}`)).body.items[0].remaining).toBe(1);

    const cancelled = await call('DELETE', `/api/bookings/${booked.body.booking.id}`, { token: guest.body.idToken });
    expect(cancelled).toMatchObject({ status: 200, body: { booking: { status: 'cancelled' } } });
    const stats = await call('GET', `/api/admin/events/${eventId}/stats?fresh=1`, { token: ADMIN_TOKEN });
    expect(stats.body.items[0]).toEqual({ id: 'slot-a', capacity: 2, booked: 0, remaining: 2 });
  });

  it('publishes the key it signs with', async () => {
    const jwks = await call('GET', '/.well-known/jwks.json');
    const guest = await call('POST', '/api/auth/guest');
    const kid = JSON.parse(Buffer.from(String(guest.body.idToken).split('.')[0]!, 'base64url').toString()).kid;
    expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toContain(kid);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d":/);
  });

  it.each([
    ['no requestContext', { version: '2.0', rawPath: '/api/health', headers: {} }],
    ['payload format 1.0', { resource: '/', path: '/api/health', httpMethod: 'GET', headers: {}, requestContext: {} }],
    ['no event at all', null],
    ['a string', 'GET /api/health'],
    ['a method that is not one', { ...functionUrlEvent('GET', '/api/health'), requestContext: { http: { method: 'get me' } } }],
    ['a header name with a space', functionUrlEvent('GET', '/api/health', { headers: { 'bad header': 'x' } })],
    ['a header value with a line break', functionUrlEvent('GET', '/api/health', { headers: { 'x-evil': 'a\r\nset-cookie: x=1' } })],
    ['a GET with a body', { ...functionUrlEvent('GET', '/api/health'), body: '{}' }],
    ['a body flagged base64 that is not', { ...functionUrlEvent('POST', '/api/auth/guest', { body: {} }), isBase64Encoded: true, body: '%%%not base64%%%' }],
  ])('answers a malformed event (%s) with a 400 problem', async (_name, event) => {
    expectProblem(await invoke(handler, event), 400, 'bad_request');
  });

  it('answers garbage bodies and unknown routes with 4xx problems', async () => {
    expectProblem(await call('POST', '/api/auth/login', { rawBody: '{"username":' }), 400, 'invalid_json');
    expectProblem(await call('POST', '/api/admin/events', { token: ADMIN_TOKEN, rawBody: '\u0000\u0001garbage' }), 400, 'invalid_json');
    expectProblem(await call('POST', '/api/admin/events', { token: ADMIN_TOKEN, body: { title: 42 } }), 400, 'validation_failed');
    expectProblem(await call('GET', '/api/nothing-here'), 404, 'not_found');
    expectProblem(await call('PATCH', '/nowhere?x=1'), 404, 'not_found');
    expectProblem(await call('POST', '/api/auth/guest', { rawBody: 'x'.repeat(64 * 1024) }), 413, 'payload_too_large');
  });

  it('runs the upkeep alone when invoked by an EventBridge schedule', async () => {
    const scheduled = { version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: new Date().toISOString(), region: 'ap-northeast-2', resources: [], detail: {} };
    expect(await invoke(handler, scheduled)).toMatchObject({ status: 200, body: { upkeep: 'done' } });
  });
});
