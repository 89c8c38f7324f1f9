import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface RedisStackProps extends StackProps {
  config: StageConfig;
  role: 'home' | 'replica';
}

/** What the origin needs to reach Redis, whichever kind the config chose. */
export type RedisConnection =
  | { kind: 'upstash'; restUrl: string; tokenSecret: secretsmanager.ISecret }
  | { kind: 'elasticache'; url: string; vpc: ec2.IVpc; securityGroup: ec2.ISecurityGroup };

/**
 * The admission queue and the inventory gate. Upstash (the default): a REST URL from the config
 * and its token in Secrets Manager, no VPC. ElastiCache Serverless (Valkey): in a VPC of its own
 * with TLS; serverless caches do not evict by design (`noeviction` cannot be set and is what it
 * behaves like), which the queue needs: an evicted key would lose a visitor's place.
 */
export class RedisStack extends Stack {
  readonly connection: RedisConnection;
  private zones: string[] = [];

  /** The config's zones: a literal account and region would otherwise make CDK look them up. */
  override get availabilityZones(): string[] {
    return this.zones.length > 0 ? this.zones : super.availabilityZones;
  }

  constructor(scope: Construct, id: string, props: RedisStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (config.redis.kind === 'upstash') {
      const tokenSecret = new secretsmanager.Secret(this, 'UpstashToken', {
        secretName: `banjjak/${config.stage}/upstash-rest-token`,
        description: 'Upstash REST token for the admission queue; put the real value after the first deploy (docs/deploy.md)',
      });
      Validations.of(tokenSecret).acknowledge({ id: 'AwsSolutions-SMG4', reason: 'The token is issued and rotated in the Upstash console; the operator puts the new value (docs/deploy.md)' });
      this.connection = { kind: 'upstash', restUrl: config.redis.restUrl, tokenSecret };
      new CfnOutput(this, 'UpstashTokenSecretArn', { value: tokenSecret.secretArn });
      return;
    }
    this.zones = config.redis.availabilityZones[props.role] ?? [];
    const vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: this.zones,
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    // The origin reaches DynamoDB and Secrets Manager from isolated subnets through endpoints.
    vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    const secrets = vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    Validations.of(secrets).acknowledge({ id: 'AwsSolutions-EC23', reason: 'The endpoint admits HTTPS from this VPC\'s own CIDR only; the rule cannot resolve the CIDR token' });
    const securityGroup = new ec2.SecurityGroup(this, 'CacheClients', { vpc, description: 'Origin functions that talk to the cache', allowAllOutbound: true });
    const cacheGroup = new ec2.SecurityGroup(this, 'Cache', { vpc, description: 'ElastiCache Serverless for the admission queue', allowAllOutbound: false });
    cacheGroup.addIngressRule(securityGroup, ec2.Port.tcp(6379), 'origin to Valkey (TLS)');
    const cache = new elasticache.CfnServerlessCache(this, 'Valkey', {
      engine: 'valkey',
      majorEngineVersion: '8',
      serverlessCacheName: `banjjak-${config.stage}`,
      subnetIds: vpc.isolatedSubnets.map((subnet) => subnet.subnetId),
      securityGroupIds: [cacheGroup.securityGroupId],
      cacheUsageLimits: {
        dataStorage: { maximum: config.redis.maxDataStorageGb, unit: 'GB' },
        ecpuPerSecond: { maximum: config.redis.maxEcpuPerSecond },
      },
    });
    this.connection = { kind: 'elasticache', url: `rediss://${cache.attrEndpointAddress}:${cache.attrEndpointPort}`, vpc, securityGroup };
  }
}
