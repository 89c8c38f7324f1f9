import { ROTATE_SIGNING_KEYS_EVENT, isRotationEvent } from '../../origin/entry/scheduled-events.js';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStage } from './synth-stage.js';

const dev = synthStage('dev');
const prod = synthStage('prod');
const t = (stack: Parameters<typeof Template.fromStack>[0]) => Template.fromStack(stack);

describe('data', () => {
  it('keeps the ledger of table-design.md forever: pk/sk, gsi1, gsi2, PITR, deletion protection, RETAIN', () => {
    const template = t(dev.stacks.data);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })],
        TimeToLiveSpecification: { AttributeName: 'expiresTtl', Enabled: true },
        Replicas: [Match.objectLike({ Region: 'ap-northeast-2', DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('adds the replica region as a replica of the same table', () => {
    t(prod.stacks.data).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: Match.arrayWith([Match.objectLike({ Region: 'ap-northeast-1', DeletionProtectionEnabled: true })]),
    });
  });
});

describe('origin', () => {
  const template = t(dev.stacks.origin);

  it('runs the bundle on Node 22, ARM64, with the reserved concurrency of the config and no table creation', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 20,
      Environment: { Variables: Match.objectLike({ CREATE_TABLE: 'false', SEED_DEMO: 'false', UPSTASH_REDIS_REST_URL: 'https://dev-banjjak.upstash.io', SIGNING_KEYS_SECRET_ARN: Match.anyValue() }) },
    });
  });

  it('serves through a Function URL with AWS_IAM auth on the live alias, rolled out by CodeDeploy with alarm rollback', () => {
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', Qualifier: 'live' });
    const deploymentGroup = t(prod.stacks.origin);
    deploymentGroup.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AlarmConfiguration: { Enabled: true, Alarms: [Match.objectLike({ Name: Match.anyValue() })] },
      AutoRollbackConfiguration: { Enabled: true, Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
    });
  });

  it('invokes the home origin every minute for upkeep, and tells a replica it is one', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 0 } })] });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ ORIGIN_ROLE: 'home', STAGE: 'dev' }) } });
    const replica = t(prod.stacks.replica!.origin);
    replica.resourceCountIs('AWS::Events::Rule', 0);
    replica.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ ORIGIN_ROLE: 'replica' }) } });
  });

  it('rotates the signing key on a schedule from the home origin only, with the input the Lambda entry knows', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(30 days)',
      Targets: [Match.objectLike({ Input: JSON.stringify(ROTATE_SIGNING_KEYS_EVENT), RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
    expect(isRotationEvent(JSON.parse(JSON.stringify(ROTATE_SIGNING_KEYS_EVENT)))).toBe(true);
    // Writing the key set is the home origin's alone.
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['secretsmanager:PutSecretValue']) })]) } });
  });

  it('grants the ledger item operations on the table and its two indexes, and nothing table-wide', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue']));
    expect(actions.filter((action) => action === '*' || action.endsWith(':*') || /^dynamodb:.*(Scan|Batch|Transact|DeleteTable|CreateTable)/.test(action))).toEqual([]);
  });

  it('puts the prod origin in the cache VPC with REDIS_URL, and the replica reads copies of the home secrets', () => {
    t(prod.stacks.origin).hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
      Environment: { Variables: Match.objectLike({ REDIS_URL: Match.anyValue() }) },
    });
    t(prod.stacks.origin).hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'banjjak/prod/signing-keys', ReplicaRegions: [{ Region: 'ap-northeast-1' }] });
    // 1,769 MB is one vCPU on Lambda; an instance serves one request at a time and signs on its
    // event loop, so no thread pool is sized (docs/decisions/0021-origin-hot-path.md).
    t(prod.stacks.origin).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1769, Environment: { Variables: Match.objectLike({ UV_THREADPOOL_SIZE: Match.absent() }) } });
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Environment: { Variables: Match.objectLike({ UV_THREADPOOL_SIZE: Match.absent() }) } });
    t(prod.stacks.replica!.origin).resourceCountIs('AWS::SecretsManager::Secret', 0);
  });
});

describe('redis', () => {
  it('keeps the Upstash token in Secrets Manager with no VPC (dev)', () => {
    const template = t(dev.stacks.redis);
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.resourceCountIs('AWS::EC2::VPC', 0);
  });

  it('runs ElastiCache Serverless Valkey in isolated subnets, reachable only from the origin (prod)', () => {
    const template = t(prod.stacks.redis);
    template.hasResourceProperties('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', CacheUsageLimits: { DataStorage: { Maximum: 20, Unit: 'GB' }, ECPUPerSecond: { Maximum: 1_000_000 } } });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, SourceSecurityGroupId: Match.anyValue() });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'ap-northeast-2c' });
  });
});

describe('edge', () => {
  it('is a Lambda@Edge function in us-east-1 with no environment, trusted by edgelambda, versions retained', () => {
    expect(dev.stacks.edge.region).toBe('us-east-1');
    const template = t(dev.stacks.edge);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'lambda-edge.handler', Runtime: 'nodejs22.x', Environment: Match.absent() });
    const trusts = Object.values(template.findResources('AWS::IAM::Role')).map((role) => JSON.stringify(role.Properties.AssumeRolePolicyDocument));
    expect(trusts.filter((trust) => trust.includes('edgelambda.amazonaws.com') && trust.includes('lambda.amazonaws.com'))).toHaveLength(1);
    template.hasResource('AWS::Lambda::Version', { DeletionPolicy: 'Retain' });
  });
});
