import {
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
  type GetSecretValueCommandInput,
  type PutSecretValueCommandInput,
  type UpdateSecretVersionStageCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { randomUUID } from 'node:crypto';

const $metadata = {};

/**
 * Secrets Manager faked with aws-sdk-client-mock (the real SDK client stays in the code path): the
 * behaviour of GetSecretValue, PutSecretValue and UpdateSecretVersionStage that the key store and
 * the secret reader rely on, per the API reference: a ClientRequestToken is the VersionId and
 * a reused one with another value is ResourceExistsException; a put without VersionStages takes
 * AWSCURRENT; a label moves only with the matching RemoveFromVersionId.
 */
export function fakeSecretsManager() {
  const mock = mockClient(SecretsManagerClient);
  const secrets = new Map<string, Map<string, { value: string; stages: Set<string> }>>();
  const versionsOf = (id: string) => secrets.get(id) ?? secrets.set(id, new Map()).get(id)!;
  const labelled = (id: string, stage: string) => [...versionsOf(id)].find(([, version]) => version.stages.has(stage))?.[0];
  const missing = (message: string) => new ResourceNotFoundException({ message, $metadata });

  const move = (id: string, stage: string, to: string) => {
    for (const version of versionsOf(id).values()) version.stages.delete(stage);
    versionsOf(id).get(to)!.stages.add(stage);
  };
  const moveCurrent = (id: string, to: string) => {
    const previous = labelled(id, 'AWSCURRENT');
    if (previous && previous !== to) move(id, 'AWSPREVIOUS', previous);
    move(id, 'AWSCURRENT', to);
  };

  mock.on(GetSecretValueCommand).callsFake(async (input: GetSecretValueCommandInput) => {
    const id = input.SecretId!;
    const versionId = input.VersionId ?? labelled(id, input.VersionStage ?? 'AWSCURRENT');
    const version = versionId === undefined ? undefined : versionsOf(id).get(versionId);
    if (!version) throw missing("Secrets Manager can't find the specified secret value");
    return { ARN: id, VersionId: versionId, SecretString: version.value, VersionStages: [...version.stages], $metadata };
  });
  mock.on(PutSecretValueCommand).callsFake(async (input: PutSecretValueCommandInput) => {
    const id = input.SecretId!;
    const versionId = input.ClientRequestToken ?? randomUUID();
    const existing = versionsOf(id).get(versionId);
    if (existing && existing.value !== input.SecretString) throw new ResourceExistsException({ message: 'A resource with the ID you requested already exists.', $metadata });
    if (!existing) versionsOf(id).set(versionId, { value: input.SecretString!, stages: new Set() });
    for (const stage of input.VersionStages ?? ['AWSCURRENT']) {
      if (stage === 'AWSCURRENT') moveCurrent(id, versionId);
      else move(id, stage, versionId);
    }
    return { ARN: id, VersionId: versionId, VersionStages: [...versionsOf(id).get(versionId)!.stages], $metadata };
  });
  mock.on(UpdateSecretVersionStageCommand).callsFake(async (input: UpdateSecretVersionStageCommandInput) => {
    const id = input.SecretId!;
    const holder = labelled(id, input.VersionStage!);
    if (!versionsOf(id).has(input.MoveToVersionId!)) throw missing('no such version');
    if (holder && holder !== input.MoveToVersionId && holder !== input.RemoveFromVersionId) {
      throw new InvalidParameterException({ message: `The staging label ${input.VersionStage} is attached to another version`, $metadata });
    }
    if (input.VersionStage === 'AWSCURRENT') moveCurrent(id, input.MoveToVersionId!);
    else move(id, input.VersionStage!, input.MoveToVersionId!);
    return { ARN: id, $metadata };
  });

  return {
    mock,
    /** Sets a secret's current value directly, as an operator (or the CDK app) would. */
    seed(id: string, value: string, versionId: string = randomUUID()) {
      versionsOf(id).set(versionId, { value, stages: new Set() });
      moveCurrent(id, versionId);
      return versionId;
    },
    /** Puts a version under a label without making it current (a writer that died half-way). */
    stage(id: string, value: string, versionId: string, stage: string) {
      versionsOf(id).set(versionId, { value, stages: new Set() });
      move(id, stage, versionId);
    },
    restore: () => mock.restore(),
  };
}
