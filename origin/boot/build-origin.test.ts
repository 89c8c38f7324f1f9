import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOriginConfig } from '../config.js';
import { createLambdaHandler } from '../entry/lambda-handler.js';
import { ROTATE_SIGNING_KEYS_EVENT } from '../entry/scheduled-events.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { startUpstashRestBridge } from '../redis/test-support/upstash-rest-bridge.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { fakeSecretsManager } from '../test-support/fake-secrets-manager.js';
import { functionUrlEvent, invoke } from '../test-support/function-url-event.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { rotateSigningKeys } from '../tokens/signing-keys.js';
import { buildOrigin, type BuiltOrigin } from './build-origin.js';

const arn = (name: string) => `arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:banjjak/test/${name}-AbCdEf`;
const ADMIN = 'admin-token-from-secrets-manager-0123';
const UPSTASH_TOKEN = 'upstash-token-from-secrets-manager';

/**
 * The origin as the CDK app configures its Lambda: the operator token, the Upstash token and the
 * signing keys in Secrets Manager (faked with aws-sdk-client-mock; the real SDK client is in the
 * code path), the queue and gate on Upstash (the REST bridge to a real redis-server), dynalite.
 */
describe.runIf(redisServerAvailable())('buildOrigin with its secrets in Secrets Manager', () => {
  const redis = useRedisServer();
  const sm = fakeSecretsManager();
  let dynamo: TestDynamo;
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
  let dataDir: string;
  const built: BuiltOrigin[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    dynamo = await startDynalite();
    bridge = await startUpstashRestBridge(redis().server.url, UPSTASH_TOKEN);
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-build-'));
    sm.seed(arn('admin-token'), `${ADMIN}\n`);
    sm.seed(arn('upstash-token'), UPSTASH_TOKEN);
    sm.seed(arn('signing-keys'), '[]');
    env = {
      DYNAMODB_ENDPOINT: dynamo.endpoint, DYNAMODB_TABLE: 'banjjak-build', AWS_REGION: 'ap-northeast-2', CREATE_TABLE: 'true', DATA_DIR: dataDir,
      UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: arn('upstash-token'),
      ADMIN_TOKEN_SECRET_ARN: arn('admin-token'), SIGNING_KEYS_SECRET_ARN: arn('signing-keys'),
    };
  });
  afterAll(async () => {
    await Promise.all(built.map((origin) => origin.close()));
    sm.restore();
    await bridge?.stop();
    await dynamo?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (overrides: Record<string, string> = {}) => {
    const origin = await buildOrigin(parseOriginConfig({ ...env, ...overrides }));
    built.push(origin);
    return Object.assign(createLambdaHandler(origin, { eventTickMs: 1_000, reconcileIntervalMs: 10_000 }), { origin });
  };
  const kids = async (handler: Parameters<typeof invoke>[0]) =>
    (await invoke(handler, functionUrlEvent('GET', '/.well-known/jwks.json'))).body.keys.map((key: { kid: string }) => key.kid);

  it('reads the operator and Upstash tokens from their secrets and serves on Upstash', async () => {
    const handler = await start();
    const secretsRead = sm.mock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId);
    expect(new Set(secretsRead)).toEqual(new Set([arn('admin-token'), arn('upstash-token'), arn('signing-keys')]));
    const body = { title: 'From secrets', kind: 'deal', startsAt: new Date(Date.now() - 60_000).toISOString(), admission: { newUsersPerMinute: 600, maxActiveUsers: 10, sessionSeconds: 60 }, items: [{ id: 'x', label: 'X', capacity: 1, perUserLimit: 1 }] };
    expect((await invoke(handler, functionUrlEvent('POST', '/api/admin/events', { token: 'x'.repeat(40), body }))).status).toBe(401);
    const created = await invoke(handler, functionUrlEvent('POST', '/api/admin/events', { token: ADMIN, body }));
    expect(created.status).toBe(201);
    const guest = await invoke(handler, functionUrlEvent('POST', '/api/auth/guest'));
    const joined = await invoke(handler, functionUrlEvent('POST', `/api/queue/${created.body.id}/join`, { token: guest.body.idToken }));
    expect(joined.status).toBe(201);
    expect(await redis().redis.keys(`*${created.body.id}*`)).not.toEqual([]);
  });

  it('publishes the playback key read from its secret, and in AWS without one signs no playback tokens', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    sm.seed(arn('playback-key'), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const withKey = await start({ IVS_PLAYBACK_KEY_SECRET_ARN: arn('playback-key') });
    const published = await invoke(withKey, functionUrlEvent('GET', '/.well-known/playback-key.json'));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ ...publicKey.export({ format: 'jwk' }), alg: 'ES384' });
    expect(published.body).not.toHaveProperty('d');
    expect((await invoke(await start(), functionUrlEvent('GET', '/.well-known/playback-key.json'))).status).toBe(404);
  });

  it('signs with the key set in the secret, the same on a second cold start, and writes no key file', async () => {
    const [first, second] = [await start(), await start()];
    const stored = JSON.parse((await new SecretsManagerClient({ region: 'ap-northeast-2' }).send(new GetSecretValueCommand({ SecretId: arn('signing-keys') }))).SecretString!);
    expect(await kids(first)).toEqual([stored[0].kid]);
    expect(await kids(second)).toEqual([stored[0].kid]);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('follows a rotation another instance wrote once it reloads the key set', async () => {
    const [rotator, follower] = [await start(), await start()];
    const before = await kids(follower);
    const rotated = await rotateSigningKeys(rotator.origin.keyStore, new Date(), { maxTokenSeconds: 3600 });
    rotator.origin.deps.tokens.setKeys(rotated);
    expect(await kids(follower)).toEqual(before);
    await follower.origin.refreshKeys.run();
    expect(await kids(follower)).toEqual([rotated.active.kid, ...before]);
    const guest = await invoke(follower, functionUrlEvent('POST', '/api/auth/guest'));
    expect(JSON.parse(Buffer.from(String(guest.body.idToken).split('.')[0]!, 'base64url').toString()).kid).toBe(rotated.active.kid);
    expect((await invoke(rotator, functionUrlEvent('GET', '/api/me/bookings', { token: guest.body.idToken }))).status).toBe(200);
  });

  it('rotates on the scheduled event: the secret gains a key, this instance signs with it, the other follows a token naming it', async () => {
    const [rotator, follower] = [await start(), await start()];
    const before = await kids(rotator);
    const answer = (await rotator(ROTATE_SIGNING_KEYS_EVENT)) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    const stored = JSON.parse((await new SecretsManagerClient({ region: 'ap-northeast-2' }).send(new GetSecretValueCommand({ SecretId: arn('signing-keys') }))).SecretString!);
    expect(stored.map((key: { kid: string }) => key.kid)).toEqual([JSON.parse(answer.body).activeKid, ...before]);
    expect(await kids(rotator)).toEqual(stored.map((key: { kid: string }) => key.kid));
    const guest = await invoke(rotator, functionUrlEvent('POST', '/api/auth/guest'));
    expect(JSON.parse(Buffer.from(String(guest.body.idToken).split('.')[0]!, 'base64url').toString()).kid).toBe(stored[0].kid);
    expect((await invoke(follower, functionUrlEvent('GET', '/api/me/bookings', { token: guest.body.idToken }))).status).toBe(200);
  });

  it('stops the start naming a secret it cannot read, or one too short for an operator token', async () => {
    await expect(start({ ADMIN_TOKEN_SECRET_ARN: arn('missing') })).rejects.toThrow(`cannot read secret ${arn('missing')}: ResourceNotFoundException`);
    sm.seed(arn('short-admin'), 'short');
    await expect(start({ ADMIN_TOKEN_SECRET_ARN: arn('short-admin') })).rejects.toThrow(/operator token .* at least 16 characters/);
    sm.seed(arn('bad-keys'), '{"not":"a key set"}');
    await expect(start({ SIGNING_KEYS_SECRET_ARN: arn('bad-keys') })).rejects.toThrow(`secret ${arn('bad-keys')} does not hold a signing key set`);
  });
});
