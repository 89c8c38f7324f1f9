import { z } from 'zod';
import { defaultEdgeSettings, type EdgeSettings } from '../deps.js';

/**
 * The edge's configuration. Lambda@Edge has no environment variables, so its bundle gets this
 * object baked in at build time (`npm run build:edge`); Workers read it from their bindings.
 * It holds no secret: the edge verifies with the origin's public keys only.
 */
export const edgeConfigSchema = z.object({
  originUrl: z.url(),
  issuer: z.string().default(defaultEdgeSettings.issuer),
  audience: z.string().default(defaultEdgeSettings.audience),
  rateLimits: z.boolean().default(true),
  guestPerMinute: z.int().min(1).default(defaultEdgeSettings.guestPerMinute),
  joinPerMinute: z.int().min(1).default(defaultEdgeSettings.joinPerMinute),
  maxBodyBytes: z.int().min(1024).default(defaultEdgeSettings.maxBodyBytes),
});
export type EdgeConfig = z.infer<typeof edgeConfigSchema>;

export function toEdgeSettings(config: EdgeConfig): EdgeSettings {
  const { originUrl: _originUrl, ...settings } = config;
  return settings;
}
