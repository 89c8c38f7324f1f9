import type { App, Environment } from 'aws-cdk-lib';
import type { StageConfig } from './config.js';
import { DataStack } from './stacks/data-stack.js';
import { DistributionStack } from './stacks/distribution-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { LiveStack } from './stacks/live-stack.js';
import { EdgeAlarmsStack, MonitoringStack } from './stacks/monitoring-stack.js';
import { OriginStack } from './stacks/origin-stack.js';
import { RedisStack } from './stacks/redis-stack.js';
import { ReplicaAccessStack } from './stacks/replica-access-stack.js';
import { WafStack } from './stacks/waf-stack.js';

/** Where the two bundles are (tools/build-origin-lambda.ts, tools/build-edge.ts). */
export interface BanjjakAssets {
  originDir: string;
  edgeDir: string;
}

/**
 * Every stack of a stage, split by lifecycle: data (kept forever), Redis, the origin (per
 * region), the edge function and the WAF (us-east-1), the distribution, live channels and
 * monitoring. Dependencies follow the references; `cdk deploy --all` orders them.
 */
export function createBanjjakStacks(app: App, config: StageConfig, assets: BanjjakAssets) {
  const env = (region: string): Environment => ({ account: config.account, region });
  const id = (part: string) => `Banjjak-${config.stage}-${part}`;
  const home = env(config.region);

  const data = new DataStack(app, id('Data'), { env: home, config, description: 'Banjjak ledger (DynamoDB)' });
  const redis = new RedisStack(app, id('Redis'), { env: home, config, role: 'home', description: 'Banjjak admission queue store' });
  // CloudFormation refuses a stack with no resources: no channels and no key, no Live stack.
  const live =
    config.live.channels.length > 0 || config.live.playbackPublicKeyPem
      ? new LiveStack(app, id('Live'), { env: home, config, description: 'Banjjak live channels (IVS) and their recordings' })
      : undefined;
  const origin = new OriginStack(app, id('Origin'), {
    env: home,
    config,
    role: 'home',
    table: data.table,
    redis: redis.connection,
    codeDir: assets.originDir,
    ...(live && { live: { channels: live.channels, playbackKey: Boolean(live.playbackKeyPair) } }),
  });
  const replica = config.replicaRegion ? createReplica(app, config, assets, data, origin, config.replicaRegion) : undefined;

  const edge = new EdgeStack(app, id('Edge'), { env: env(config.edgeRegion), config, codeDir: assets.edgeDir, description: 'Banjjak Lambda@Edge' });
  const waf = new WafStack(app, id('Waf'), { env: env(config.edgeRegion), config, description: 'Banjjak WAF for CloudFront' });
  const distribution = new DistributionStack(app, id('Distribution'), {
    env: home,
    crossRegionReferences: true,
    config,
    originUrl: origin.url,
    ...(replica && { replicaUrl: replica.origin.url }),
    edgeVersion: edge.version,
    webAclArn: waf.webAclArn,
    ...(live?.recordings && { recordings: live.recordings }),
    description: 'Banjjak CloudFront distribution',
  });
  const replicaAccess =
    replica &&
    new ReplicaAccessStack(app, id('ReplicaAccess'), {
      env: env(replica.region),
      crossRegionReferences: true,
      replicaAlias: replica.origin.alias,
      distributionId: distribution.distribution.distributionId,
    });
  const monitoring = new MonitoringStack(app, id('Monitoring'), {
    env: home,
    config,
    originAlias: origin.alias,
    table: data.table,
    distributionId: distribution.distribution.distributionId,
    description: 'Banjjak dashboard and alarms',
  });
  const edgeAlarms = new EdgeAlarmsStack(app, id('EdgeAlarms'), {
    env: env(config.edgeRegion),
    crossRegionReferences: true,
    config,
    distributionId: distribution.distribution.distributionId,
    description: 'Banjjak alarms on CloudFront metrics',
  });
  return { data, redis, origin, replica, edge, waf, distribution, replicaAccess, live, monitoring, edgeAlarms };
}

function createReplica(app: App, config: StageConfig, assets: BanjjakAssets, data: DataStack, home: OriginStack, region: string) {
  const env = { account: config.account, region };
  const redis = new RedisStack(app, `Banjjak-${config.stage}-Redis-Replica`, { env, config, role: 'replica' });
  const origin = new OriginStack(app, `Banjjak-${config.stage}-Origin-Replica`, {
    env,
    crossRegionReferences: true,
    config,
    role: 'replica',
    table: data.table.replica(region),
    redis: redis.connection,
    codeDir: assets.originDir,
  });
  // Its secrets are replicas of the home origin's.
  origin.addDependency(home);
  return { region, redis, origin };
}
