import { describe, expect, it } from 'vitest';
import { parseOriginConfig } from './config.js';

const base = { BANJJAK_STACK: 'local', ADMIN_TOKEN: 'config-test-admin-token' };
const arn = (name: string) => `arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:banjjak/dev/${name}-AbCdEf`;
/** What the CDK app gives the origin Lambda (infra/lib/stacks/origin-stack.ts). */
const lambda = {
  DYNAMODB_TABLE: 'banjjak-dev',
  AWS_REGION: 'ap-northeast-2',
  CREATE_TABLE: 'false',
  SEED_DEMO: 'false',
  UPSTASH_REDIS_REST_URL: 'https://dev-banjjak.upstash.io',
  UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: arn('upstash-token'),
  SIGNING_KEYS_SECRET_ARN: arn('signing-keys'),
  ADMIN_TOKEN_SECRET_ARN: arn('admin-token'),
};

describe('origin configuration', () => {
  it('defaults the booking timeout and the reconciler interval', () => {
    expect(parseOriginConfig(base)).toMatchObject({ BOOKING_TIMEOUT_MS: 30_000, RECONCILE_INTERVAL_MS: 10_000 });
    expect(parseOriginConfig({ ...base, BOOKING_TIMEOUT_MS: '3000', RECONCILE_INTERVAL_MS: '500' })).toMatchObject({ BOOKING_TIMEOUT_MS: 3_000, RECONCILE_INTERVAL_MS: 500 });
  });

  it('takes an external OpenID Connect provider whole, and never under our own issuer', () => {
    const oidc = { OIDC_ISSUER: 'https://cognito-idp.ap-northeast-2.amazonaws.com/pool', OIDC_AUDIENCE: 'client-id', OIDC_JWKS_URL: 'https://cognito-idp.ap-northeast-2.amazonaws.com/pool/.well-known/jwks.json' };
    expect(parseOriginConfig({ ...base, ...oidc })).toMatchObject(oidc);
    expect(() => parseOriginConfig({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together/);
    expect(() => parseOriginConfig({ ...base, ...oidc, OIDC_ISSUER: 'banjjak-origin' })).toThrow(/must differ from TOKEN_ISSUER/);
  });

  it('lists every problem at once, field errors and missing settings together', () => {
    const attempt = () => parseOriginConfig({ BOOKING_TIMEOUT_MS: '10', RECONCILE_INTERVAL_MS: 'soon', OIDC_JWKS_URL: 'ftp://x' });
    expect(attempt).toThrow(/BOOKING_TIMEOUT_MS[\s\S]*RECONCILE_INTERVAL_MS[\s\S]*OIDC_JWKS_URL[\s\S]*ADMIN_TOKEN[\s\S]*REDIS_URL[\s\S]*DYNAMODB_TABLE[\s\S]*AWS_REGION/);
  });

  it('keeps the in-memory stores and local defaults to BANJJAK_STACK=local', () => {
    expect(parseOriginConfig(base)).toMatchObject({ BANJJAK_STACK: 'local', DYNAMODB_TABLE: 'banjjak', AWS_REGION: 'ap-northeast-2' });
    expect(parseOriginConfig(base).REDIS_URL).toBeUndefined();
    const message = (() => {
      try {
        parseOriginConfig({ ADMIN_TOKEN: base.ADMIN_TOKEN });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message?.split('\n')).toEqual([
      'invalid origin configuration:',
      '  REDIS_URL: REDIS_URL or UPSTASH_REDIS_REST_URL is required (in-memory stores are for BANJJAK_STACK=local only)',
      '  DYNAMODB_TABLE: DYNAMODB_TABLE is required outside BANJJAK_STACK=local',
      '  AWS_REGION: AWS_REGION is required outside BANJJAK_STACK=local',
    ]);
    expect(() => parseOriginConfig({ ...base, BANJJAK_STACK: 'staging' })).toThrow(/BANJJAK_STACK/);
  });

  it('starts in aws mode on Redis over TCP or on Upstash, with DynamoDB named', () => {
    const dynamo = { DYNAMODB_TABLE: 'banjjak-dev', AWS_REGION: 'eu-west-1', ADMIN_TOKEN: base.ADMIN_TOKEN };
    expect(parseOriginConfig({ ...dynamo, REDIS_URL: 'rediss://cache.example:6379' })).toMatchObject({ BANJJAK_STACK: 'aws', DYNAMODB_TABLE: 'banjjak-dev', AWS_REGION: 'eu-west-1' });
    expect(parseOriginConfig({ ...dynamo, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'token' })).toMatchObject({ UPSTASH_REDIS_REST_TOKEN: 'token' });
    expect(() => parseOriginConfig({ ...dynamo, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' })).toThrow(/UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN \(or _SECRET_ARN\) go together/);
  });

  it('takes the origin Lambda environment, its tokens and keys from Secrets Manager', () => {
    expect(parseOriginConfig(lambda)).toMatchObject({ ...lambda, CREATE_TABLE: false, SEED_DEMO: false, BANJJAK_STACK: 'aws' });
    expect(parseOriginConfig(lambda).ADMIN_TOKEN).toBeUndefined();
  });

  it('refuses secrets named twice or by something that is not a secret ARN', () => {
    const attempt = () =>
      parseOriginConfig({ ...lambda, ADMIN_TOKEN: base.ADMIN_TOKEN, UPSTASH_REDIS_REST_TOKEN: 'token', SIGNING_KEYS_SECRET_ARN: 'banjjak/dev/signing-keys' });
    expect(attempt).toThrow(/SIGNING_KEYS_SECRET_ARN: must be a Secrets Manager secret ARN/);
    expect(attempt).toThrow(/ADMIN_TOKEN_SECRET_ARN: set ADMIN_TOKEN or ADMIN_TOKEN_SECRET_ARN, not both/);
    expect(attempt).toThrow(/UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: set UPSTASH_REDIS_REST_TOKEN or its _SECRET_ARN, not both/);
  });

  it('takes the playback key as a PEM or from its secret, not both', () => {
    expect(parseOriginConfig({ ...lambda, IVS_PLAYBACK_KEY_SECRET_ARN: arn('playback-key') })).toMatchObject({ IVS_PLAYBACK_KEY_SECRET_ARN: arn('playback-key'), PLAYBACK_ALLOWED_ORIGIN: '*' });
    const both = () => parseOriginConfig({ ...base, IVS_PLAYBACK_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----', IVS_PLAYBACK_KEY_SECRET_ARN: arn('playback-key') });
    expect(both).toThrow(/IVS_PLAYBACK_KEY_SECRET_ARN: set IVS_PLAYBACK_PRIVATE_KEY or its _SECRET_ARN, not both/);
    expect(() => parseOriginConfig({ ...base, IVS_PLAYBACK_PRIVATE_KEY: 'secret' })).toThrow(/IVS_PLAYBACK_PRIVATE_KEY: must be a PEM private key/);
  });

  it('takes the live channels as JSON, IVS ARNs required outside the local stack', () => {
    const ivsArn = 'arn:aws:ivs:ap-northeast-2:111111111111:channel/AbCdEf012345';
    const list = [{ id: 'seongsu-live', title: 'Seongsu popup live', private: true, eventId: 'drop-1', ivsChannelArn: ivsArn }, { id: 'beauty-live', title: 'K-beauty' }];
    expect(() => parseOriginConfig({ ...lambda, CHANNELS: JSON.stringify(list) })).toThrow(/CHANNELS: every channel needs its ivsChannelArn outside BANJJAK_STACK=local: beauty-live$/m);
    const [first] = list;
    expect(parseOriginConfig({ ...lambda, CHANNELS: JSON.stringify([first]) }).CHANNELS).toEqual([first]);
    // Simulated channels are the local stack's; `private` defaults to false.
    expect(parseOriginConfig({ ...base, CHANNELS: JSON.stringify(list.slice(1)) }).CHANNELS).toEqual([{ id: 'beauty-live', title: 'K-beauty', private: false }]);
    expect(parseOriginConfig(lambda).CHANNELS).toBeUndefined();
  });

  it('refuses channels that are not JSON, repeat an id, carry a bad ARN or an unknown field', () => {
    expect(() => parseOriginConfig({ ...base, CHANNELS: '[{' })).toThrow(/CHANNELS: must be a JSON array of channels/);
    expect(() => parseOriginConfig({ ...base, CHANNELS: '[{"id":"a","title":"A"},{"id":"a","title":"B"}]' })).toThrow(/CHANNELS: channel ids must not repeat/);
    expect(() => parseOriginConfig({ ...base, CHANNELS: '[{"id":"a","title":"A","ivsChannelArn":"arn:aws:ivs:ap-northeast-2:1:stream-key/x"}]' })).toThrow(/CHANNELS\.0\.ivsChannelArn: must be an IVS channel ARN/);
    expect(() => parseOriginConfig({ ...base, CHANNELS: '[{"id":"a","title":"A","streamKey":"sk_x"}]' })).toThrow(/CHANNELS\.0: Unrecognized key/);
  });
});
