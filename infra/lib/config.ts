import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LambdaEdgeConfigInput } from '../../edge/entry/edge-config.js';
import { liveProblems, liveSchema } from './live-config.js';

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as ap-northeast-2');
const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a DNS name such as drops.example.com');
/** WAF rate-based rules count per 5-minute window; AWS accepts 10 … 2,000,000,000. */
const wafRate = z.int().min(10).max(2_000_000_000);

const redisSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upstash'),
    /** The database's REST URL (not secret); the token lives in Secrets Manager. */
    restUrl: z.url({ protocol: /^https$/ }),
  }),
  z.object({
    kind: z.literal('elasticache'),
    /** ElastiCache Serverless (Valkey) limits: storage in GB and ECPU per second. */
    maxDataStorageGb: z.int().min(1).max(5_000).default(10),
    maxEcpuPerSecond: z.int().min(1_000).max(15_000_000).default(100_000),
    /** The VPC's zones, named so synthesis needs no lookup: the home region's, and the replica's. */
    availabilityZones: z.object({ home: z.array(z.string()).min(2).max(3), replica: z.array(z.string()).min(2).max(3).optional() }),
  }),
]);

export const stageConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'lower-case, 2–16 characters'),
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    /** Home region: the table, the origin, Redis, IVS and the alarms. */
    region,
    /** CloudFront, Lambda@Edge and a CLOUDFRONT-scope WAF live in us-east-1, always. */
    edgeRegion: z.literal('us-east-1', { error: 'the edge stack (Lambda@Edge, WAF for CloudFront) must be in us-east-1' }),
    /** A second region: a DynamoDB replica and an origin that cached reads fail over to. */
    replicaRegion: region.optional(),
    domain: z.object({
      name: hostname,
      /** An ACM certificate for `name`, issued in us-east-1 (CloudFront only reads it there). */
      certificateArn: z.string().regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN in us-east-1'),
    }),
    origin: z
      .object({
        memoryMb: z.int().min(256).max(10_240).default(1_024),
        timeoutSeconds: z.int().min(3).max(30).default(10),
        reservedConcurrency: z.int().min(1).max(10_000).default(100),
        /** CodeDeploy canary: this share of traffic on a new version for this long, then all of it. */
        canary: z.enum(['Canary10Percent5Minutes', 'Canary10Percent10Minutes', 'Linear10PercentEvery1Minute', 'AllAtOnce']).default('Canary10Percent5Minutes'),
        /** A new token signing key this often (POST /api/admin/keys/rotate does it at any time). */
        keyRotationDays: z.int().min(1).max(365).default(30),
      })
      .prefault({}),
    redis: redisSchema,
    /** Per-client limits the edge enforces itself (baked into the Lambda@Edge bundle). */
    edgeLimits: z
      .object({
        guestPerMinute: z.int().min(1).max(10_000).default(30),
        joinPerMinute: z.int().min(1).max(10_000).default(60),
        /** Joins per minute per verified identity, beside the per-IP limit. */
        joinPerIdentityPerMinute: z.int().min(1).max(1_000).default(10),
        maxBodyBytes: z.int().min(1_024).max(1_048_576).default(16_384),
        /** Hearts and watch beacons per minute per address, together (edge/entry/edge-config.ts). */
        viewerWritesPerMinute: z.int().min(1).max(10_000).default(240),
      })
      .prefault({}),
    /** WAF rate-based rules, requests per 5 minutes per IP; carrier NAT puts many phones on one IP. */
    waf: z
      .object({
        guestPer5Min: wafRate.default(3_000),
        loginPer5Min: wafRate.default(500),
        joinPer5Min: wafRate.default(6_000),
        ipCeilingPer5Min: wafRate.default(50_000),
        botControl: z.boolean().default(false),
      })
      .prefault({}),
    live: liveSchema,
    monitoring: z
      .object({
        alarmEmail: z.email().optional(),
        /** AWS Chatbot to a Slack channel (the workspace must be authorised in the Chatbot console once). */
        slack: z.object({ workspaceId: z.string().regex(/^[A-Z0-9]{9,11}$/), channelId: z.string().regex(/^[A-Z0-9]{9,11}$/) }).optional(),
      })
      .prefault({}),
  })
  .refine((config) => !config.replicaRegion || config.replicaRegion !== config.region, {
    path: ['replicaRegion'],
    message: 'must differ from region (the home region)',
    // Checked even when other fields fail, so it is listed with their problems.
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'region' || issue.path?.[0] === 'replicaRegion'),
  })
  .superRefine((config, ctx) => {
    if (config.redis.kind === 'elasticache') {
      const zones = config.redis.availabilityZones;
      const check = (list: string[] | undefined, regionName: string | undefined, key: 'home' | 'replica') => {
        if (regionName && !list) ctx.addIssue({ code: 'custom', path: ['redis', 'availabilityZones', key], message: `zones of ${regionName} are needed` });
        for (const zone of list ?? []) {
          if (!regionName || !new RegExp(`^${regionName}[a-z]$`).test(zone)) ctx.addIssue({ code: 'custom', path: ['redis', 'availabilityZones', key], message: `${zone} is not a zone of ${regionName ?? 'a configured region'}` });
        }
      };
      check(zones.home, config.region, 'home');
      check(zones.replica, config.replicaRegion, 'replica');
    }
    for (const issue of liveProblems(config.live, config)) ctx.addIssue({ code: 'custom', ...issue });
    if (config.waf.ipCeilingPer5Min < Math.max(config.waf.guestPer5Min, config.waf.joinPer5Min, config.waf.loginPer5Min)) {
      ctx.addIssue({ code: 'custom', path: ['waf', 'ipCeilingPer5Min'], message: 'must be at least every per-route limit' });
    }
  });

export type StageConfig = z.output<typeof stageConfigSchema>;

/** Thrown by `parseStageConfig`: every problem, each with its path. */
export class StageConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`invalid stage config ${source}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'StageConfigError';
  }
}

export function parseStageConfig(raw: unknown, source = 'config'): StageConfig {
  const result = stageConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new StageConfigError(source, result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

/** `infra/config/<stage>.json`, parsed. */
export function loadStageConfig(stage: string): StageConfig {
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new StageConfigError(stage, ['stage: lower-case, 2–16 characters']);
  const file = new URL(`../config/${stage}.json`, import.meta.url);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StageConfigError(file.pathname, [`cannot read: ${(error as Error).message}`]);
  }
  return parseStageConfig(raw, file.pathname);
}

/** The `iss` of the origin's tokens, which the edge bundle must expect: the stage's public URL. */
export const tokenIssuer = (config: StageConfig) => `https://${config.domain.name}`;
export const TOKEN_AUDIENCE = 'banjjak';

/** What the Lambda@Edge bundle has baked in (tools/build-edge.ts): the public URL and every edge limit. */
export const edgeBuildConfig = (config: StageConfig): LambdaEdgeConfigInput => ({ publicUrl: tokenIssuer(config), issuer: tokenIssuer(config), audience: TOKEN_AUDIENCE, ...config.edgeLimits });
