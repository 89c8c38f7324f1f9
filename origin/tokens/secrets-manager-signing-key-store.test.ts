import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeSecretsManager } from '../test-support/fake-secrets-manager.js';
import { createSecretsManagerSigningKeyStore, PENDING_STAGE, successorVersionId } from './secrets-manager-signing-key-store.js';
import { signingKeyStoreContract } from './signing-key-store.contract.js';
import { generateSigningKey, loadOrCreateSigningKeys } from './signing-keys.js';

const sm = fakeSecretsManager();
afterAll(() => sm.restore());
beforeEach(() => sm.mock.resetHistory());

let n = 0;
const freshArn = () => `arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:banjjak/test/signing-keys-${(n += 1)}-AbCdEf`;
const client = () => new SecretsManagerClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const now = new Date('2026-12-05T00:00:00Z');

signingKeyStoreContract('Secrets Manager (a secret with no value yet)', async () => {
  const arn = freshArn();
  return [createSecretsManagerSigningKeyStore(client(), arn), createSecretsManagerSigningKeyStore(client(), arn)];
});
signingKeyStoreContract('Secrets Manager (a secret the CDK app created with "[]")', async () => {
  const arn = freshArn();
  sm.seed(arn, '[]');
  return [createSecretsManagerSigningKeyStore(client(), arn), createSecretsManagerSigningKeyStore(client(), arn)];
});

describe('the Secrets Manager key store', () => {
  it('generates and puts the key set on the first cold start of a secret with no value', async () => {
    const arn = freshArn();
    const keys = await loadOrCreateSigningKeys(createSecretsManagerSigningKeyStore(client(), arn), now);
    expect(sm.mock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: arn }]);
    const puts = sm.mock.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input);
    const successor = successorVersionId(arn, undefined);
    expect(puts).toEqual([{ SecretId: arn, ClientRequestToken: successor, SecretString: expect.any(String), VersionStages: [PENDING_STAGE] }]);
    expect(JSON.parse(puts[0]!.SecretString!)).toMatchObject([{ kid: keys.active.kid, privateJwk: { kty: 'EC', d: expect.any(String) } }]);
    // No RemoveFromVersionId: Secrets Manager refuses the move if AWSCURRENT is on any version by then.
    expect(sm.mock.commandCalls(UpdateSecretVersionStageCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: successor }]);
  });

  it('replaces the CDK placeholder by compare-and-swap on AWSCURRENT', async () => {
    const arn = freshArn();
    const placeholder = sm.seed(arn, '[]');
    await loadOrCreateSigningKeys(createSecretsManagerSigningKeyStore(client(), arn), now);
    const successor = successorVersionId(arn, placeholder);
    expect(sm.mock.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: arn, ClientRequestToken: successor, SecretString: expect.any(String), VersionStages: [PENDING_STAGE] },
    ]);
    expect(sm.mock.commandCalls(UpdateSecretVersionStageCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: successor, RemoveFromVersionId: placeholder },
    ]);
  });

  it('makes a concurrent loser re-read the winner\'s keys', async () => {
    const arn = freshArn();
    const [a, b] = await Promise.all([client(), client()].map((c) => loadOrCreateSigningKeys(createSecretsManagerSigningKeyStore(c, arn), now)));
    expect(a!.active.kid).toBe(b!.active.kid);
    const puts = sm.mock.commandCalls(PutSecretValueCommand);
    expect(puts.map((call) => call.args[0].input.ClientRequestToken)).toEqual([successorVersionId(arn, undefined), successorVersionId(arn, undefined)]);
    expect(await Promise.allSettled(puts.map((call) => call.returnValue))).toMatchObject([{ status: 'fulfilled' }, { status: 'rejected', reason: { name: 'ResourceExistsException' } }]);
    expect(sm.mock.commandCalls(GetSecretValueCommand).length).toBe(3);
  });

  it('finishes the swap of a writer that died between its put and its move', async () => {
    const arn = freshArn();
    const placeholder = sm.seed(arn, '[]');
    const { stored } = await generateSigningKey(now);
    sm.stage(arn, JSON.stringify([stored], null, 2), successorVersionId(arn, placeholder), PENDING_STAGE);
    const keys = await loadOrCreateSigningKeys(createSecretsManagerSigningKeyStore(client(), arn), now);
    expect(keys.active.kid).toBe(stored.kid);
  });

  it('refuses to start on a malformed secret value, naming the secret but not its content, and overwrites nothing', async () => {
    for (const [value, problem] of [
      ['hunter2-not-json', /does not hold a signing key set: not JSON/],
      ['{"keys":[]}', /does not hold a signing key set.*wrong at \(root\)/],
      ['[{"kid":"k","createdAt":"2026-12-05T00:00:00Z","privateJwk":{"kty":"EC","crv":"P-256","x":"x","y":"y"}}]', /wrong at 0\.privateJwk\.d/],
    ] as const) {
      const arn = freshArn();
      sm.seed(arn, value);
      const attempt = loadOrCreateSigningKeys(createSecretsManagerSigningKeyStore(client(), arn), now);
      await expect(attempt).rejects.toThrow(problem);
      await expect(attempt).rejects.toThrow(`secret ${arn}`);
      await expect(attempt).rejects.not.toThrow(/hunter2/);
    }
    expect(sm.mock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});
