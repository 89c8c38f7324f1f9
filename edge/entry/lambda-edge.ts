import { systemClock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import type { OriginFetch } from '../deps.js';
import { loadJwks } from '../tokens/load-jwks.js';
import { createHandback } from './cloudfront-handback.js';
import { createOriginRequestHandler, EDGE_READ_HEADER, type CloudFrontBindings } from './cloudfront-origin-request.js';
import { lambdaEdgeConfigSchema, toEdgeSettings } from './edge-config.js';

// Replaced by esbuild's `define` at build time (tools/build-edge.ts): Lambda@Edge has no environment.
declare const __BANJJAK_EDGE_CONFIG__: unknown;

const config = lambdaEdgeConfigSchema.parse(__BANJJAK_EDGE_CONFIG__);
const clock = systemClock;
/** Well inside the function's timeout: a read that hangs becomes a 503 with Retry-After. */
const READ_TIMEOUT_MS = 5_000;

// The edge's own reads go through the distribution, so they are answered from CloudFront's cache;
// the behaviours for those paths run no edge function (docs/decisions/0007, "On CloudFront").
const reads: OriginFetch = (path, init) => {
  const headers = new Headers(init.headers);
  headers.set(EDGE_READ_HEADER, '1');
  return fetch(new URL(path, config.publicUrl), { ...init, headers, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
};
const handback = createHandback();

const app = createEdgeApp({
  clock,
  origin: reads,
  forward: handback.forward,
  jwks: loadJwks(reads, clock),
  settings: toEdgeSettings(config),
  clientIp: (c) => (c.env as CloudFrontBindings).request.clientIp,
});

/** The CloudFront origin-request handler (`lambda-edge.handler`); one app per warm container. */
export const handler = createOriginRequestHandler(app, handback);
