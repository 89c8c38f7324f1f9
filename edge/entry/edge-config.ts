import { z } from 'zod';
import { defaultEdgeSettings, type EdgeSettings } from '../deps.js';

/** What every runtime tunes the same way; none of it is secret (the edge holds public keys only). */
const settingsShape = {
  issuer: z.string().default(defaultEdgeSettings.issuer),
  audience: z.string().default(defaultEdgeSettings.audience),
  rateLimits: z.boolean().default(true),
  guestPerMinute: z.int().min(1).default(defaultEdgeSettings.guestPerMinute),
  loginPerMinute: z.int().min(1).default(defaultEdgeSettings.loginPerMinute),
  joinPerMinute: z.int().min(1).default(defaultEdgeSettings.joinPerMinute),
  joinPerIdentityPerMinute: z.int().min(1).default(defaultEdgeSettings.joinPerIdentityPerMinute),
  viewerWritesPerMinute: z.int().min(1).default(defaultEdgeSettings.viewerWritesPerMinute),
  maxBodyBytes: z.int().min(1024).default(defaultEdgeSettings.maxBodyBytes),
};

/** Workers (from bindings): the origin is reached directly with `fetch`. */
export const edgeConfigSchema = z.object({ originUrl: z.url(), ...settingsShape });
export type EdgeConfig = z.infer<typeof edgeConfigSchema>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The distribution's own address: https, or http on loopback (the runtime tests); no path. */
const publicUrl = z.url({ protocol: /^https?$/ }).superRefine((value, ctx) => {
  const url = new URL(value);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) ctx.addIssue({ code: 'custom', message: 'must be https (http only on loopback)' });
  if (url.pathname !== '/' || url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'must be an origin such as https://drops.example.com, without a path' });
});

/**
 * The Lambda@Edge bundle's configuration, baked in at build time (`tools/build-edge.ts`): Lambda@Edge
 * has no environment variables. Forwards go back to CloudFront, so no origin URL is needed (the
 * Function URL is a deploy-time token anyway); the edge's own reads go through `publicUrl`, the
 * distribution, so they come from its cache. Strict: a misspelt field fails the build.
 */
export const lambdaEdgeConfigSchema = z.strictObject({ publicUrl, ...settingsShape });
export type LambdaEdgeConfig = z.infer<typeof lambdaEdgeConfigSchema>;
export type LambdaEdgeConfigInput = z.input<typeof lambdaEdgeConfigSchema>;

export function toEdgeSettings(config: EdgeConfig | LambdaEdgeConfig): EdgeSettings {
  const { issuer, audience, rateLimits, guestPerMinute, loginPerMinute, joinPerMinute, joinPerIdentityPerMinute, viewerWritesPerMinute, maxBodyBytes } = config;
  return { issuer, audience, rateLimits, guestPerMinute, loginPerMinute, joinPerMinute, joinPerIdentityPerMinute, viewerWritesPerMinute, maxBodyBytes };
}
