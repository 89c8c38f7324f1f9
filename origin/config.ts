import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const secretArn = z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'must be a Secrets Manager secret ARN');
const channelId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_" only');

/** `CHANNELS`: a JSON array of `ChannelConfig` (channels/channel-config.ts); the CDK app writes it. */
const channels = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of channels' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.strictObject({
          id: channelId,
          title: z.string().min(1).max(128),
          private: z.boolean().default(false),
          eventId: channelId.optional(),
          thumbnailUrl: z.string().min(1).optional(),
          ivsChannelArn: z.string().regex(/^arn:aws[a-z-]*:ivs:[a-z0-9-]+:\d{12}:channel\/[A-Za-z0-9]+$/, 'must be an IVS channel ARN').optional(),
        }),
      )
      .refine((list) => new Set(list.map((channel) => channel.id)).size === list.length, 'channel ids must not repeat'),
  );

const schema = z.object({
  /**
   * `local`: the one-command stack and tests (`local/start.ts` sets it); in-memory queue and gate
   * when no Redis is named, and local defaults for the table and region. `aws` (the default):
   * every instance must share Redis and DynamoDB, so missing settings stop the start.
   */
  BANJJAK_STACK: z.enum(['local', 'aws']).default('aws'),
  /**
   * `home` runs every write and the upkeep; `replica` (the failover region's origin) serves the
   * cached reads only and never runs the reconciler or the event ticks, so it writes nothing.
   */
  ORIGIN_ROLE: z.enum(['home', 'replica']).default('home'),
  /** The deployment stage, as the Stage dimension of the metrics the Lambda prints (EMF). */
  STAGE: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/).default('local'),
  ORIGIN_HOST: z.string().default('127.0.0.1'),
  ORIGIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The Node server's Prometheus listener on 127.0.0.1 (`GET /metrics`); unset: none. 0: a free port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** JSON log lines at this level and above; `info` has one line per request. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  /** The operator token read from this secret at start instead (the origin Lambda). */
  ADMIN_TOKEN_SECRET_ARN: secretArn.optional(),
  /** The signing key set in this secret, shared by every instance; unset: `<DATA_DIR>/keys`. */
  SIGNING_KEYS_SECRET_ARN: secretArn.optional(),
  /**
   * The private key (PKCS #8 PEM, EC P-384) of the IVS playback key pair that signs private
   * channels' playback tokens, or the secret holding it. Neither: on the local stack a pair made at
   * start, in memory; in AWS no playback tokens (the route is absent).
   */
  IVS_PLAYBACK_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
  IVS_PLAYBACK_KEY_SECRET_ARN: secretArn.optional(),
  /**
   * The live channels, as JSON (`[{"id","title","private","eventId"?,"ivsChannelArn"}]`). With
   * IVS ARNs they play from Amazon IVS; unset: none (or the demo's simulated ones with SEED_DEMO).
   */
  CHANNELS: channels.optional(),
  /** `aws:access-control-allow-origin` of playback tokens: the site's public origin in AWS; `*` (any) by default. */
  PLAYBACK_ALLOWED_ORIGIN: z.string().min(1).default('*'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/).optional(),
  AWS_REGION: z.string().regex(/^[a-z0-9-]+$/).optional(),
  CREATE_TABLE: flag.default(true),
  SEED_DEMO: flag.default(false),
  DEMO_PASSWORD: z.string().min(4).default('flashdrop'),
  TOKEN_ISSUER: z.string().default('banjjak-origin'),
  TOKEN_AUDIENCE: z.string().default('banjjak'),
  /** Admission queue and inventory gate on Redis over TCP (ioredis), e.g. redis://127.0.0.1:6379. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Admission queue and inventory gate on Upstash Redis over HTTP, with the token or its secret. */
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }).optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  UPSTASH_REDIS_REST_TOKEN_SECRET_ARN: secretArn.optional(),
  /** How long a booking attempt may take before the reconciler may abort it (ms). */
  BOOKING_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** How often the reconciler runs (ms); it also runs once at start. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  EVENT_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** An external OpenID Connect provider (e.g. Cognito) whose id tokens are accepted; all three or none. */
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
});

type Raw = z.infer<typeof schema>;
type Problem = [path: keyof Raw, message: string];

/** Settings that only make sense together, and what `aws` mode may not go without. */
function crossFieldProblems(config: Partial<Raw>): Problem[] {
  const problems: Problem[] = [];
  if (!config.ADMIN_TOKEN && !config.ADMIN_TOKEN_SECRET_ARN) problems.push(['ADMIN_TOKEN', 'ADMIN_TOKEN (or ADMIN_TOKEN_SECRET_ARN) is required']);
  if (config.ADMIN_TOKEN && config.ADMIN_TOKEN_SECRET_ARN) problems.push(['ADMIN_TOKEN_SECRET_ARN', 'set ADMIN_TOKEN or ADMIN_TOKEN_SECRET_ARN, not both']);
  const upstashToken = config.UPSTASH_REDIS_REST_TOKEN ?? config.UPSTASH_REDIS_REST_TOKEN_SECRET_ARN;
  if (Boolean(config.UPSTASH_REDIS_REST_URL) !== Boolean(upstashToken)) problems.push(['UPSTASH_REDIS_REST_TOKEN', 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or _SECRET_ARN) go together']);
  if (config.UPSTASH_REDIS_REST_TOKEN && config.UPSTASH_REDIS_REST_TOKEN_SECRET_ARN) problems.push(['UPSTASH_REDIS_REST_TOKEN_SECRET_ARN', 'set UPSTASH_REDIS_REST_TOKEN or its _SECRET_ARN, not both']);
  if (config.IVS_PLAYBACK_PRIVATE_KEY && config.IVS_PLAYBACK_KEY_SECRET_ARN) problems.push(['IVS_PLAYBACK_KEY_SECRET_ARN', 'set IVS_PLAYBACK_PRIVATE_KEY or its _SECRET_ARN, not both']);
  if (config.REDIS_URL && config.UPSTASH_REDIS_REST_URL) problems.push(['REDIS_URL', 'set REDIS_URL or UPSTASH_REDIS_REST_URL, not both']);
  const oidc = [config.OIDC_ISSUER, config.OIDC_AUDIENCE, config.OIDC_JWKS_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) problems.push(['OIDC_ISSUER', 'OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together']);
  if (config.OIDC_ISSUER && config.OIDC_ISSUER === config.TOKEN_ISSUER) problems.push(['OIDC_ISSUER', 'must differ from TOKEN_ISSUER (it picks the verifier)']);
  if (config.BANJJAK_STACK === 'local') return problems;
  // Simulated channels play the sample media that ships with the local stack only.
  const simulated = (config.CHANNELS ?? []).filter((channel) => !channel.ivsChannelArn).map((channel) => channel.id);
  if (simulated.length > 0) problems.push(['CHANNELS', `every channel needs its ivsChannelArn outside BANJJAK_STACK=local: ${simulated.join(', ')}`]);
  // In-memory stores would let two instances sell the same place twice: no silent fallback.
  if (!config.REDIS_URL && !config.UPSTASH_REDIS_REST_URL) problems.push(['REDIS_URL', 'REDIS_URL or UPSTASH_REDIS_REST_URL is required (in-memory stores are for BANJJAK_STACK=local only)']);
  if (!config.DYNAMODB_TABLE) problems.push(['DYNAMODB_TABLE', 'DYNAMODB_TABLE is required outside BANJJAK_STACK=local']);
  if (!config.AWS_REGION) problems.push(['AWS_REGION', 'AWS_REGION is required outside BANJJAK_STACK=local']);
  return problems;
}

const checked = schema
  // `when`: run even if a field failed, so one start lists every problem at once.
  .superRefine((config, ctx) => {
    for (const [path, message] of crossFieldProblems(config)) ctx.addIssue({ code: 'custom', path: [path], message });
  }, { when: () => true })
  .transform((config) => ({ ...config, DYNAMODB_TABLE: config.DYNAMODB_TABLE ?? 'banjjak', AWS_REGION: config.AWS_REGION ?? 'ap-northeast-2' }));

export type OriginConfig = z.infer<typeof checked>;

/** Parsed once at start-up; fails fast listing every problem. */
export function parseOriginConfig(env: Record<string, string | undefined>): OriginConfig {
  const result = checked.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new Error(`invalid origin configuration:\n${problems}`);
}
