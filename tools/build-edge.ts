import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { edgeConfigSchema, type EdgeConfig } from '../edge/entry/edge-config.js';

const root = resolve(import.meta.dirname, '..');

/**
 * Bundles the edge for its two serverless runtimes. The Lambda@Edge bundle gets its configuration
 * baked in (no environment there); the Workers bundle reads bindings at run time.
 */
export async function buildEdge(config: Partial<EdgeConfig> & { originUrl: string }, outDir = resolve(root, 'dist/edge')) {
  await mkdir(outDir, { recursive: true });
  const baked = edgeConfigSchema.parse(config);
  const common = { bundle: true, minify: true, format: 'esm' as const, legalComments: 'none' as const, logLevel: 'warning' as const };
  await build({
    ...common,
    entryPoints: [resolve(root, 'edge/entry/lambda-edge.ts')],
    outfile: resolve(outDir, 'lambda-edge.mjs'),
    platform: 'node',
    target: 'node20',
    define: { __BANJJAK_EDGE_CONFIG__: JSON.stringify(baked) },
  });
  await build({
    ...common,
    entryPoints: [resolve(root, 'edge/entry/worker.ts')],
    outfile: resolve(outDir, 'worker.mjs'),
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
  });
  return { lambdaEdge: resolve(outDir, 'lambda-edge.mjs'), worker: resolve(outDir, 'worker.mjs') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const originUrl = process.env.EDGE_ORIGIN_URL;
  if (!originUrl) {
    console.error('EDGE_ORIGIN_URL is required: the origin the Lambda@Edge bundle forwards to (baked in)');
    process.exit(2);
  }
  const out = await buildEdge({ originUrl, rateLimits: process.env.EDGE_RATE_LIMITS !== 'off' });
  console.log(`wrote ${out.lambdaEdge}\nwrote ${out.worker}`);
}
