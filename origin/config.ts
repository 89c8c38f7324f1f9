import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const schema = z.object({
  ORIGIN_HOST: z.string().default('127.0.0.1'),
  ORIGIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DATA_DIR: z.string().min(1).default('.data'),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/).default('banjjak'),
  AWS_REGION: z.string().default('ap-northeast-2'),
  CREATE_TABLE: flag.default(true),
  SEED_DEMO: flag.default(false),
  DEMO_PASSWORD: z.string().min(4).default('flashdrop'),
  TOKEN_ISSUER: z.string().default('banjjak-origin'),
  TOKEN_AUDIENCE: z.string().default('banjjak'),
  /** Admission queue and inventory gate on Redis over TCP (ioredis), e.g. redis://127.0.0.1:6379. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Admission queue and inventory gate on Upstash Redis over HTTP; both or neither. */
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/ }).optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  /** How long a booking attempt may take before the reconciler may abort it (ms). */
  BOOKING_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** How often the reconciler runs (ms); it also runs once at start. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  EVENT_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** An external OpenID Connect provider (e.g. Cognito) whose id tokens are accepted; all three or none. */
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
}).superRefine((config, ctx) => {
  if (Boolean(config.UPSTASH_REDIS_REST_URL) !== Boolean(config.UPSTASH_REDIS_REST_TOKEN)) {
    ctx.addIssue({ code: 'custom', path: ['UPSTASH_REDIS_REST_TOKEN'], message: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together' });
  }
  const oidc = [config.OIDC_ISSUER, config.OIDC_AUDIENCE, config.OIDC_JWKS_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together' });
  }
  if (config.OIDC_ISSUER && config.OIDC_ISSUER === config.TOKEN_ISSUER) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must differ from TOKEN_ISSUER (it picks the verifier)' });
  }
  if (config.REDIS_URL && config.UPSTASH_REDIS_REST_URL) {
    ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'set REDIS_URL or UPSTASH_REDIS_REST_URL, not both' });
  }
});

export type OriginConfig = z.infer<typeof schema>;

/** Parsed once at start-up; fails fast listing every problem. */
export function parseOriginConfig(env: Record<string, string | undefined>): OriginConfig {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
  throw new Error(`invalid origin configuration:\n${problems}`);
}
