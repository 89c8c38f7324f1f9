import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROTATE_SIGNING_KEYS_EVENT } from '../../../origin/entry/scheduled-events.js';
import { TOKEN_AUDIENCE, tokenIssuer, type StageConfig } from '../config.js';
import { originChannel } from '../live-config.js';
import type { LiveChannelRef } from './live-stack.js';
import type { RedisConnection } from './redis-stack.js';

export interface OriginStackProps extends StackProps {
  config: StageConfig;
  /** The home region's origin takes every write; a replica's serves cached reads on failover. */
  role: 'home' | 'replica';
  table: dynamodb.ITableV2;
  redis: RedisConnection;
  /** `dist/origin-lambda` (tools/build-origin-lambda.ts): index.mjs and the Lua scripts. */
  codeDir: string;
  /** The live channels (LiveStack), served by the home origin only. @default none */
  live?: {
    channels: LiveChannelRef[];
    /** Private channels' tokens are signed with the key in `originSecretNames(stage).playbackKey`. */
    playbackKey: boolean;
  };
}

const deploymentConfigs: Record<StageConfig['origin']['canary'], codedeploy.ILambdaDeploymentConfig> = {
  Canary10Percent5Minutes: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  Canary10Percent10Minutes: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES,
  Linear10PercentEvery1Minute: codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE,
  AllAtOnce: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE,
};

/** Secret names shared by the home origin (which creates them) and a replica (which reads copies). */
export const originSecretNames = (stage: string) => ({
  signingKeys: `banjjak/${stage}/signing-keys`,
  adminToken: `banjjak/${stage}/admin-token`,
  /** The IVS playback key pair's private key (PKCS #8 PEM), stored by the operator (docs/deploy.md). */
  playbackKey: `banjjak/${stage}/ivs-playback-key`,
});

/**
 * The origin on Lambda (Node 22, ARM64) through hono/aws-lambda, behind a Function URL that only
 * CloudFront may call (AWS_IAM auth, Origin Access Control). New versions roll out on the `live`
 * alias with a CodeDeploy canary that rolls back when the alias' errors alarm.
 */
export class OriginStack extends Stack {
  readonly fn: lambda.Function;
  readonly alias: lambda.Alias;
  readonly url: lambda.FunctionUrl;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OriginStackProps) {
    super(scope, id, props);
    const { config, redis } = props;
    const names = originSecretNames(config.stage);
    const replicaRegions = props.role === 'home' && config.replicaRegion ? [{ region: config.replicaRegion }] : undefined;
    // The key set starts empty; the first origin to start generates it (docs/decisions/0009).
    const signingKeys =
      props.role === 'home'
        ? new secretsmanager.Secret(this, 'SigningKeys', { secretName: names.signingKeys, secretStringValue: SecretValue.unsafePlainText('[]'), replicaRegions, description: 'ES256 token signing keys shared by every origin instance' })
        : secretsmanager.Secret.fromSecretNameV2(this, 'SigningKeys', names.signingKeys);
    const adminToken =
      props.role === 'home'
        ? new secretsmanager.Secret(this, 'AdminToken', { secretName: names.adminToken, replicaRegions, generateSecretString: { passwordLength: 40, excludePunctuation: true }, description: 'Operator API token' })
        : secretsmanager.Secret.fromSecretNameV2(this, 'AdminToken', names.adminToken);

    // Channels are the home origin's: a replica serves cached reads and writes nothing.
    const live = props.role === 'home' ? props.live : undefined;
    const channelArns = live?.channels.map((channel) => channel.arn) ?? [];
    // Made outside CloudFormation so the private key never passes through a template.
    const playbackKey = live?.playbackKey ? secretsmanager.Secret.fromSecretNameV2(this, 'PlaybackKey', names.playbackKey) : undefined;

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'Banjjak origin' });
    logGroup.grantWrite(role);
    if (redis.kind === 'elasticache') {
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason: 'The network-interface permissions Lambda needs to run in the cache\'s VPC; AWS keeps the policy in step with Lambda',
      });
    }

    this.fn = new lambda.Function(this, 'Origin', {
      description: `Banjjak origin (${config.stage}, ${props.role})`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(props.codeDir),
      memorySize: config.origin.memoryMb,
      timeout: Duration.seconds(config.origin.timeoutSeconds),
      reservedConcurrentExecutions: config.origin.reservedConcurrency,
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        DYNAMODB_TABLE: props.table.tableName,
        CREATE_TABLE: 'false',
        ORIGIN_ROLE: props.role,
        STAGE: config.stage,
        SEED_DEMO: 'false',
        TOKEN_ISSUER: tokenIssuer(config),
        TOKEN_AUDIENCE,
        SIGNING_KEYS_SECRET_ARN: signingKeys.secretArn,
        ADMIN_TOKEN_SECRET_ARN: adminToken.secretArn,
        ...(redis.kind === 'upstash'
          ? { UPSTASH_REDIS_REST_URL: redis.restUrl, UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: redis.tokenSecret.secretArn }
          : { REDIS_URL: redis.url }),
        ...(live && live.channels.length > 0 && { CHANNELS: this.toJsonString(live.channels.map((channel) => originChannel(channel.config, channel.arn))) }),
        ...(playbackKey && { IVS_PLAYBACK_KEY_SECRET_ARN: playbackKey.secretArn, PLAYBACK_ALLOWED_ORIGIN: tokenIssuer(config) }),
      },
      ...(redis.kind === 'elasticache' && { vpc: redis.vpc, vpcSubnets: { subnets: redis.vpc.isolatedSubnets }, securityGroups: [redis.securityGroup] }),
    });
    this.grantLeastPrivilege(props, role, signingKeys, adminToken);
    playbackKey?.grantRead(role);
    if (channelArns.length > 0) this.grantIvs(role, channelArns);

    this.alias = new lambda.Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion });
    this.url = this.alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM, invokeMode: lambda.InvokeMode.BUFFERED });
    this.errorsAlarm = new cloudwatch.Alarm(this, 'AliasErrors', {
      alarmDescription: 'Origin crashes, timeouts or 5xx answers on the live alias: rolls a canary back',
      metric: new cloudwatch.MathExpression({
        expression: 'crashes + answered5xx',
        usingMetrics: {
          crashes: this.alias.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
          // The app's own 500s are answers, not Lambda errors: the Function URL counts them.
          answered5xx: new cloudwatch.Metric({
            namespace: 'AWS/Lambda',
            metricName: 'Url5xxCount',
            dimensionsMap: { FunctionName: this.fn.functionName, Resource: `${this.fn.functionName}:live` },
            statistic: 'Sum',
            period: Duration.minutes(1),
          }),
        },
        period: Duration.minutes(1),
      }),
      threshold: 5,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    new codedeploy.LambdaDeploymentGroup(this, 'Canary', {
      alias: this.alias,
      deploymentConfig: deploymentConfigs[config.origin.canary],
      alarms: [this.errorsAlarm],
      autoRollback: { failedDeployment: true, deploymentInAlarm: true },
    });
    // With no traffic the lifecycle's moments (the draw at startsAt, closing at endsAt) still come
    // on time: a schedule invokes the live alias for upkeep only. Replicas run no upkeep.
    if (props.role === 'home') {
      new events.Rule(this, 'Upkeep', { description: 'Banjjak origin upkeep (event ticks, reconciler)', schedule: events.Schedule.rate(Duration.minutes(1)), targets: [new targets.LambdaFunction(this.alias, { retryAttempts: 0 })] });
      // A new signing key on a schedule; old keys stay published until their tokens have expired.
      new events.Rule(this, 'KeyRotation', {
        description: 'Banjjak token signing key rotation',
        schedule: events.Schedule.rate(Duration.days(config.origin.keyRotationDays)),
        targets: [new targets.LambdaFunction(this.alias, { event: events.RuleTargetInput.fromObject(ROTATE_SIGNING_KEYS_EVENT), retryAttempts: 2 })],
      });
    }
    // A channel's recording is complete: the origin gets the event as IVS sent it and makes the
    // replay (playback after Recording End only, https://docs.aws.amazon.com/ivs/latest/LowLatencyUserGuide/record-to-s3.html).
    if (channelArns.length > 0) {
      new events.Rule(this, 'RecordingEnd', {
        description: 'Banjjak replays: an IVS recording of a channel ended',
        eventPattern: { source: ['aws.ivs'], detailType: ['IVS Recording State Change'], detail: { recording_status: ['Recording End'] }, resources: channelArns },
        // IVS events are best effort and may come hours late (eventbridge.html); a few retries cover a throttled invoke.
        targets: [new targets.LambdaFunction(this.alias, { retryAttempts: 4, maxEventAge: Duration.hours(24) })],
      });
    }
    new CfnOutput(this, 'FunctionUrl', { value: this.url.url });
    this.acknowledgeNag(role, [signingKeys, adminToken]);
  }

  /**
   * The IVS adapter's calls (origin/channels/README.md): channel details and timed metadata on the
   * configured channels only; ListStreams, which has no resource-level permission, on `*` in a
   * policy of its own, so its acknowledgement says so and covers nothing else.
   */
  private grantIvs(role: iam.Role, channelArns: string[]): void {
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ivs:BatchGetChannel', 'ivs:PutMetadata'], resources: channelArns }));
    const listStreams = new iam.Policy(this, 'IvsListStreams', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['ivs:ListStreams'], resources: ['*'] })] });
    Validations.of(listStreams).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ivs:ListStreams has no resource-level permission (Service Authorization Reference, Amazon IVS): one call lists the account\'s live streams for the channel poller',
    });
    // The poller starts at cold start: the function waits for the policy.
    this.fn.node.addDependency(listStreams);
  }

  /** The cdk-nag findings this stack accepts, each with its reason. */
  private acknowledgeNag(role: iam.Role, secrets: secretsmanager.ISecret[]): void {
    const ack = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
    ack(role, 'IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords accept no resource narrower than *');
    ack(this.fn, 'L1', 'Node.js 22 is the runtime the bundle targets and tests on (npm engines, esbuild target); moving to 24 is a deliberate upgrade');
    for (const secret of secrets) {
      if (secret instanceof secretsmanager.Secret) ack(secret, 'SMG4', 'Rotated by operator action, not a rotation Lambda: signing keys overlap old and new (docs/deploy.md, rotating keys); the admin token is replaced by hand');
    }
    const canaryRole = this.node.tryFindChild('Canary')?.node.tryFindChild('ServiceRole');
    if (canaryRole) ack(canaryRole, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]', 'The AWS policy CodeDeploy needs to shift alias traffic; it is the narrow "Limited" variant');
  }

  /** Items of the one table and its two indexes, the two secrets, and (Upstash) the token: nothing else. */
  private grantLeastPrivilege(props: OriginStackProps, role: iam.Role, signingKeys: secretsmanager.ISecret, adminToken: secretsmanager.ISecret): void {
    // The ledger's own commands (origin/ledger): conditional item writes, consistent reads, and
    // queries on the table and its two indexes. No scans, no batch, no transactions, no deletes of tables.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
        resources: [props.table.tableArn, `${props.table.tableArn}/index/gsi1`, `${props.table.tableArn}/index/gsi2`],
      }),
    );
    signingKeys.grantRead(role);
    adminToken.grantRead(role);
    // Only the home origin creates or rotates the key set; a replica's copy is read-only.
    if (props.role === 'home') signingKeys.grantWrite(role);
    if (props.redis.kind === 'upstash') props.redis.tokenSecret.grantRead(role);
  }
}
