import { createHash } from 'node:crypto';
import { GetSecretValueCommand, PutSecretValueCommand, UpdateSecretVersionStageCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseStoredKeys, serializeStoredKeys, type SigningKeyStore, type StoredKeySet } from './signing-key-store.js';

const CURRENT = 'AWSCURRENT';
/** The label a swapped-in version carries until it is made current (a version needs a label). */
export const PENDING_STAGE = 'BANJJAK_PENDING';

const isError = (error: unknown, name: string) => error instanceof Error && error.name === name;

/**
 * The ClientRequestToken (which becomes the VersionId) of the version that replaces `base`: the
 * same for every instance, so of two that race from the same base exactly one PutSecretValue
 * creates it and the other gets ResourceExistsException.
 */
export function successorVersionId(secretId: string, base: string | undefined): string {
  return `bj-${createHash('sha256').update(`${secretId}\n${base ?? '(none)'}`).digest('hex').slice(0, 40)}`;
}

/**
 * The key set as the JSON value of one Secrets Manager secret, for every origin Lambda and process
 * (docs/decisions/0009). The secret may start with no value or with `[]` (what the CDK app
 * writes). A swap puts the successor version under a deterministic ClientRequestToken and a
 * label of its own, then moves AWSCURRENT to it with `RemoveFromVersionId` = the version it
 * replaces (none: no RemoveFromVersionId), which Secrets Manager refuses if AWSCURRENT is
 * attached elsewhere by then: a compare-and-swap. The loser of a put finishes the
 * winner's move (it may have died in between), then reports the loss so its caller reloads.
 */
export function createSecretsManagerSigningKeyStore(client: SecretsManagerClient, secretId: string): SigningKeyStore {
  const where = `secret ${secretId}`;
  const makeCurrent = (versionId: string, replaced: string | undefined) =>
    client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: CURRENT, MoveToVersionId: versionId, ...(replaced && { RemoveFromVersionId: replaced }) }));

  return {
    async load(): Promise<StoredKeySet | undefined> {
      try {
        const { SecretString, VersionId } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
        if (SecretString === undefined || !VersionId) throw new Error(`${where} holds no SecretString: store the key set as JSON text`);
        return { keys: parseStoredKeys(SecretString, where), version: VersionId };
      } catch (error) {
        // A secret created without a value has no AWSCURRENT version yet.
        if (isError(error, 'ResourceNotFoundException')) return undefined;
        throw error;
      }
    },
    async swap(expected, keys) {
      const versionId = successorVersionId(secretId, expected?.version);
      try {
        await client.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString: serializeStoredKeys(keys), VersionStages: [PENDING_STAGE] }));
      } catch (error) {
        if (!isError(error, 'ResourceExistsException')) throw error;
        await makeCurrent(versionId, expected?.version).catch(() => undefined);
        return false;
      }
      try {
        await makeCurrent(versionId, expected?.version);
        return true;
      } catch (error) {
        if (isError(error, 'InvalidParameterException') || isError(error, 'InvalidRequestException')) return false;
        throw error;
      }
    },
  };
}
