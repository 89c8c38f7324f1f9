import { build, type BuildOptions } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const entry = (name: string) => resolve(import.meta.dirname, name);

/** The npm packages an entry's bundle pulls in, read from esbuild's metafile (nothing written). */
async function packagesIn(options: BuildOptions): Promise<Set<string>> {
  const { metafile } = await build({ ...options, bundle: true, format: 'esm', write: false, metafile: true, logLevel: 'silent' });
  const names = Object.keys(metafile.inputs).flatMap((input) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    return match ? [match[1]!] : [];
  });
  return new Set(names);
}

const NODE_ONLY = ['pino', 'prom-client'];

describe('the edge bundles', { timeout: 60_000 }, () => {
  it('keep pino and prom-client out of Lambda@Edge and Workers', async () => {
    const lambdaEdge = await packagesIn({ entryPoints: [entry('lambda-edge.ts')], platform: 'node', target: 'node22' });
    const worker = await packagesIn({ entryPoints: [entry('worker.ts')], platform: 'neutral', target: 'es2022', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'] });
    expect(lambdaEdge.has('hono')).toBe(true);
    expect(worker.has('hono')).toBe(true);
    for (const name of NODE_ONLY) {
      expect(lambdaEdge.has(name)).toBe(false);
      expect(worker.has(name)).toBe(false);
    }
  });

  it('while the Node front door, which serves the metrics, has them', async () => {
    const node = await packagesIn({ entryPoints: [entry('node.ts')], platform: 'node', target: 'node20', packages: 'bundle' });
    for (const name of NODE_ONLY) expect(node.has(name)).toBe(true);
  });
});
