import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseOriginConfig } from '../../origin/config.js';
import { parseStageConfig } from '../lib/config.js';
import { resolveValue } from './resolve-template.js';
import { synthStage } from './synth-stage.js';

const dev = synthStage('dev');
const prod = synthStage('prod');
const live = Template.fromStack(dev.stacks.live!);
const origin = Template.fromStack(dev.stacks.origin);
const PARTNER_ARN = 'arn:aws:ivs:ap-northeast-2:111111111111:channel/AbCdEfGhIjKl';
/** dev's channels as the origin stack will see them at deploy time: two created here, one brought. */
const DEV_ARNS = ['channel:banjjak-dev-seongsu-live.Arn', 'channel:banjjak-dev-members-live.Arn', PARTNER_ARN];

const resolved = (stage: typeof dev, value: unknown, stack: Stack = stage.stacks.origin) => resolveValue(value, stack, stage.stacks.live ? [stage.stacks.live] : []);
const originEnvironment = (stage: typeof dev) => {
  const fn = Object.values(Template.fromStack(stage.stacks.origin).findResources('AWS::Lambda::Function'))[0]!;
  return resolved(stage, fn.Properties.Environment.Variables) as Record<string, unknown>;
};
const statementsOf = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Effect: string }[]);

describe('live channels (IVS)', () => {
  it('creates the channels without an ARN: low latency, authorized when private, recorded, a stream key each', () => {
    live.resourceCountIs('AWS::IVS::Channel', 2);
    live.resourceCountIs('AWS::IVS::StreamKey', 2);
    const recording = Object.keys(live.findResources('AWS::IVS::RecordingConfiguration'));
    expect(recording).toHaveLength(1);
    const channels = Object.values(live.findResources('AWS::IVS::Channel')).map((channel) => channel.Properties);
    expect(channels).toEqual([
      expect.objectContaining({ Name: 'banjjak-dev-seongsu-live', LatencyMode: 'LOW', Type: 'BASIC', Authorized: false, RecordingConfigurationArn: { 'Fn::GetAtt': [recording[0], 'Arn'] } }),
      expect.objectContaining({ Name: 'banjjak-dev-members-live', LatencyMode: 'LOW', Authorized: true, RecordingConfigurationArn: { 'Fn::GetAtt': [recording[0], 'Arn'] } }),
    ]);
    // prod: three created, STANDARD by default.
    const prodLive = Template.fromStack(prod.stacks.live!);
    prodLive.resourceCountIs('AWS::IVS::Channel', 3);
    prodLive.hasResourceProperties('AWS::IVS::Channel', { Name: 'banjjak-prod-members-live', Type: 'STANDARD', Authorized: true });
  });

  it('records to a private, encrypted, logged bucket with the configured lifecycle and reconnect window', () => {
    const buckets = live.findResources('AWS::S3::Bucket');
    const [recordingId, recordingBucket] = Object.entries(buckets).find(([, bucket]) => bucket.Properties.LoggingConfiguration)!;
    live.hasResourceProperties('AWS::IVS::RecordingConfiguration', {
      DestinationConfiguration: { S3: { BucketName: { Ref: recordingId } } },
      RecordingReconnectWindowSeconds: 60,
      ThumbnailConfiguration: Match.objectLike({ RecordingMode: 'INTERVAL' }),
    });
    expect(recordingBucket).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(recordingBucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 90, Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] })] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) }, LogFilePrefix: 'recordings-bucket/' },
    });
    const prodRules = Object.values(Template.fromStack(prod.stacks.live!).findResources('AWS::S3::Bucket')).find((bucket) => bucket.Properties.LoggingConfiguration)!.Properties.LifecycleConfiguration.Rules;
    expect(prodRules[0].ExpirationInDays).toBeUndefined();
  });

  it('imports the public key of the playback key pair, the one committed for dev', () => {
    live.resourceCountIs('AWS::IVS::PlaybackKeyPair', 1);
    live.hasResourceProperties('AWS::IVS::PlaybackKeyPair', { Name: 'banjjak-dev', PublicKeyMaterial: dev.config.live.playbackPublicKeyPem });
  });

  it('puts no stream key value in any output, export or environment', () => {
    for (const stage of [dev, prod]) {
      for (const stack of stage.app.node.children.filter((child): child is Stack => child instanceof Stack)) {
        const template = Template.fromStack(stack).toJSON();
        const keys = Object.entries(template.Resources as Record<string, { Type: string }>).filter(([, resource]) => resource.Type === 'AWS::IVS::StreamKey').map(([logicalId]) => logicalId);
        const text = JSON.stringify(template);
        for (const key of keys) {
          expect(text).not.toContain(`["${key}","Value"]`);
          expect(text).not.toContain(`${key}.Value`);
        }
      }
    }
    const outputs = JSON.stringify(live.toJSON().Outputs);
    expect(outputs).toContain('StreamKeyArn');
    expect(outputs).not.toMatch(/"Value"\]/);
  });

  it('gives the origin its channels, the playback key secret and the site origin, in the shape origin/config.ts reads', () => {
    const env = originEnvironment(dev);
    expect(JSON.parse(env.CHANNELS as string)).toEqual([
      { id: 'seongsu-live', title: 'Seongsu popup live', private: false, eventId: 'seongsu-popup', ivsChannelArn: DEV_ARNS[0] },
      { id: 'members-live', title: "Members' preview", private: true, ivsChannelArn: DEV_ARNS[1] },
      { id: 'partner-live', title: 'Partner studio (existing channel)', private: false, ivsChannelArn: PARTNER_ARN },
    ]);
    expect(env).toMatchObject({
      IVS_PLAYBACK_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:banjjak/dev/ivs-playback-key',
      PLAYBACK_ALLOWED_ORIGIN: 'https://dev.drops.example.com',
    });
    // The origin accepts it as its Lambda would see it (created channels get real ARNs at deploy).
    const deployed = Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    deployed.CHANNELS = deployed.CHANNELS!.replace(/channel:banjjak-dev-[a-z-]+\.Arn/g, () => 'arn:aws:ivs:ap-northeast-2:111111111111:channel/ZyXwVuTsRqPo');
    const config = parseOriginConfig({ ...deployed, DYNAMODB_TABLE: 'banjjak-dev', AWS_REGION: 'ap-northeast-2', UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:upstash-AbCdEf', SIGNING_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:keys-AbCdEf', ADMIN_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:admin-AbCdEf' });
    expect(config.CHANNELS?.map((channel) => channel.id)).toEqual(['seongsu-live', 'members-live', 'partner-live']);
    expect(config.IVS_PLAYBACK_KEY_SECRET_ARN).toBe(env.IVS_PLAYBACK_KEY_SECRET_ARN);
  });

  it('lets the origin read the playback key secret, and nothing else of IVS beyond its channels', () => {
    const statements = statementsOf(origin);
    expect(resolved(dev, statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue')).flatMap((statement) => [statement.Resource].flat()))).toContainEqual(
      'arn:aws:secretsmanager:ap-northeast-2:111111111111:secret:banjjak/dev/ivs-playback-key-??????',
    );
    const ivs = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('ivs:')));
    expect(resolved(dev, ivs)).toEqual([
      { Effect: 'Allow', Action: ['ivs:BatchGetChannel', 'ivs:PutMetadata'], Resource: [...DEV_ARNS].sort() },
      { Effect: 'Allow', Action: 'ivs:ListStreams', Resource: '*' },
    ]);
    // The replica serves no channels.
    const replica = statementsOf(Template.fromStack(prod.stacks.replica!.origin));
    expect(replica.filter((statement) => JSON.stringify(statement.Action).includes('ivs:'))).toEqual([]);
    expect(originEnvironment({ ...prod, stacks: { ...prod.stacks, origin: prod.stacks.replica!.origin } })).not.toHaveProperty('CHANNELS');
  });

  it('sends the origin the raw IVS Recording End event of its channels, and nothing else', () => {
    const rules = Object.values(origin.findResources('AWS::Events::Rule')).filter((rule) => rule.Properties.EventPattern);
    expect(rules).toHaveLength(1);
    const { EventPattern, Targets } = rules[0]!.Properties;
    expect(resolved(dev, EventPattern)).toEqual({
      source: ['aws.ivs'],
      'detail-type': ['IVS Recording State Change'],
      detail: { recording_status: ['Recording End'] },
      resources: DEV_ARNS,
    });
    // The live alias, like the upkeep and rotation schedules; no Input: the event as IVS sent it.
    const alias = Object.keys(origin.findResources('AWS::Lambda::Alias'))[0]!;
    expect(Targets).toEqual([expect.objectContaining({ Arn: { Ref: alias }, RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 86_400 } })]);
    expect(Targets[0]).not.toHaveProperty('Input');
    expect(Targets[0]).not.toHaveProperty('InputTransformer');
    origin.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { Ref: alias }, SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RecordingEnd'), 'Arn'] } });
  });
});

describe('replays through the distribution', () => {
  const distribution = Template.fromStack(dev.stacks.distribution);
  const config = () => Object.values(distribution.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
  const behavior = (pattern: string) => (config().CacheBehaviors as { PathPattern: string; CachePolicyId: { Ref: string }; ResponseHeadersPolicyId: { Ref: string }; TargetOriginId: string; AllowedMethods: string[] }[]).find((entry) => entry.PathPattern === pattern)!;
  const resource = (ref: { Ref: string }) => distribution.toJSON().Resources[ref.Ref].Properties;

  it('serves /ivs/v1/* from the recordings bucket through OAC, cached long, with CORS for the site', () => {
    const replays = behavior('/ivs/v1/*');
    expect(replays.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(resource(replays.CachePolicyId).CachePolicyConfig).toMatchObject({ MinTTL: 86_400, DefaultTTL: 31_536_000, MaxTTL: 31_536_000, ParametersInCacheKeyAndForwardedToOrigin: { QueryStringsConfig: { QueryStringBehavior: 'none' } } });
    expect(resource(replays.ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['https://dev.drops.example.com'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlAllowCredentials: false,
      OriginOverride: true,
    });
    const s3Origin = (config().Origins as { Id: string; DomainName: unknown; S3OriginConfig?: object; OriginAccessControlId?: unknown }[]).find((entry) => entry.Id === replays.TargetOriginId)!;
    // The Live stack's recordings bucket (the one that logs), by its regional name.
    const recordingsId = Object.entries(live.findResources('AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.LoggingConfiguration)![0];
    expect(resolved(dev, s3Origin.DomainName, dev.stacks.distribution)).toBe(`bucket:${recordingsId}.s3.ap-northeast-2.amazonaws.com`);
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    distribution.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }) });
  });

  it('grants this distribution alone read on the recordings, over TLS only', () => {
    const recordingsId = Object.entries(live.findResources('AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.LoggingConfiguration)![0];
    const policies = Object.values(distribution.findResources('AWS::S3::BucketPolicy')).filter((entry) => resolved(dev, entry.Properties.Bucket, dev.stacks.distribution) === `bucket:${recordingsId}`);
    expect(policies).toHaveLength(1);
    // The bucket's only policy: none in its own stack, which would replace this one.
    live.resourceCountIs('AWS::S3::BucketPolicy', 1);
    expect(Object.values(live.findResources('AWS::S3::BucketPolicy'))[0]!.Properties.Bucket).not.toEqual({ Ref: recordingsId });
    const [policy] = policies;
    const statements = policy!.Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
      expect.objectContaining({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }),
    ]);
    const cdn = Object.keys(distribution.findResources('AWS::CloudFront::Distribution'))[0];
    expect(resolved(dev, statements[1].Condition, dev.stacks.distribution)).toEqual({ StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::111111111111:distribution/distribution:${cdn}` } });
  });

  it('keeps the channel document at 1 s and the live HLS as it was', () => {
    expect(resource(behavior('/api/channels/*').CachePolicyId).CachePolicyConfig.MaxTTL).toBeLessThanOrEqual(1);
    expect(resource(behavior('/hls/*.m3u8').CachePolicyId).CachePolicyConfig.MaxTTL).toBe(1);
  });
});

describe('a stage without channels', () => {
  const raw = structuredClone(dev.config) as Record<string, unknown>;
  const bare = synthStage(parseStageConfig({ ...raw, live: { channels: [] } }));

  it('has no IVS resources, no recordings behaviour, no channel environment or IVS grants', () => {
    // CloudFormation would refuse an empty stack.
    expect(bare.stacks.live).toBeUndefined();
    expect(bare.app.node.tryFindChild('Banjjak-dev-Live')).toBeUndefined();
    const distribution = Object.values(Template.fromStack(bare.stacks.distribution).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(distribution.CacheBehaviors.map((entry: { PathPattern: string }) => entry.PathPattern)).not.toContain('/ivs/v1/*');
    const env = originEnvironment(bare);
    expect(env).not.toHaveProperty('CHANNELS');
    expect(env).not.toHaveProperty('IVS_PLAYBACK_KEY_SECRET_ARN');
    expect(JSON.stringify(statementsOf(Template.fromStack(bare.stacks.origin)))).not.toContain('ivs:');
  });
});
