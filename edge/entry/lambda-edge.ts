import { getConnInfo, handle } from 'hono/lambda-edge';
import { createFetchEdge } from './create-fetch-edge.js';
import { edgeConfigSchema } from './edge-config.js';

// Replaced by esbuild's `define` at build time (tools/build-edge.ts): Lambda@Edge has no environment.
declare const __BANJJAK_EDGE_CONFIG__: unknown;

const app = createFetchEdge(edgeConfigSchema.parse(__BANJJAK_EDGE_CONFIG__), (c) => getConnInfo(c).remote.address);

/** CloudFront origin-request (or viewer-request) handler; one app per warm container. */
export const handler = handle(app);
