import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The current (AWSCURRENT) text of a secret that holds one value, such as the operator token or
 * the Upstash REST token, read once at cold start. The error names the secret, never its value.
 */
export async function readSecretString(client: SecretsManagerClient, secretArn: string): Promise<string> {
  let value: string | undefined;
  try {
    value = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString?.trim();
  } catch (error) {
    throw new Error(`cannot read secret ${secretArn}: ${(error as Error).name}`, { cause: error });
  }
  if (!value) throw new Error(`secret ${secretArn} holds no text value`);
  return value;
}
