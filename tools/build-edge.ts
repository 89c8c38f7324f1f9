import { build, type BuildOptions, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lambdaEdgeConfigSchema, type LambdaEdgeConfig, type LambdaEdgeConfigInput } from '../edge/entry/edge-config.js';

const root = resolve(import.meta.dirname, '..');
const LAMBDA_EDGE_FILE = 'lambda-edge.mjs';
/** What the old build also wrote into `dist/edge`; removed so the Lambda asset holds one file. */
const STALE = new Set(['worker.mjs']);

/** The Lambda handler setting for the bundle: file `lambda-edge.mjs`, export `handler`. */
export const LAMBDA_EDGE_HANDLER = 'lambda-edge.handler';
export const DEFAULT_LAMBDA_EDGE_DIR = resolve(root, 'dist/edge');
export const DEFAULT_WORKER_DIR = resolve(root, 'dist/worker');

export interface LambdaEdgeBundle {
  /** Ship as is (`lambda.Code.fromAsset(dir)`): it holds nothing but `lambda-edge.mjs`. */
  dir: string;
  file: string;
  handler: typeof LAMBDA_EDGE_HANDLER;
  /** The configuration baked in, defaults applied. */
  config: LambdaEdgeConfig;
}

/**
 * Bundles the Lambda@Edge origin-request function with `config` baked in (Lambda@Edge has no
 * environment) into `outDir`, which then holds that one ES-module file. Throws listing every
 * problem with the config. For a CDK app, awaited before synth.
 */
export async function buildEdge(config: LambdaEdgeConfigInput, outDir = DEFAULT_LAMBDA_EDGE_DIR): Promise<LambdaEdgeBundle> {
  const bundle = prepare(config, outDir);
  await build({
    ...common,
    entryPoints: [resolve(root, 'edge/entry/lambda-edge.ts')],
    outfile: bundle.file,
    platform: 'node',
    // Lambda@Edge runs nodejs22.x at most; `.mjs` makes the file ESM without a package.json.
    target: 'node22',
    define: { __BANJJAK_EDGE_CONFIG__: JSON.stringify(bundle.config) },
  });
  return bundle;
}

/**
 * `buildEdge` for a synchronous caller (a construct, a test's module scope): the same build, run
 * by this file's CLI in a child process, because esbuild refuses plugins in its synchronous API.
 * The config is checked here first, so a bad one throws the same message without a child.
 */
export function buildEdgeSync(config: LambdaEdgeConfigInput, outDir = DEFAULT_LAMBDA_EDGE_DIR): LambdaEdgeBundle {
  const bundle = prepare(config, outDir);
  const cli = ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), '--lambda-edge-only', '--out', outDir, '--config', JSON.stringify(bundle.config)];
  execFileSync(process.execPath, cli, { stdio: ['ignore', 'ignore', 'inherit'] });
  return bundle;
}

/** The Workers bundle; it reads its configuration from bindings at run time (`ORIGIN_URL`). */
export async function buildWorker(outDir = DEFAULT_WORKER_DIR): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = resolve(outDir, 'worker.mjs');
  await build({
    ...common,
    entryPoints: [resolve(root, 'edge/entry/worker.ts')],
    outfile,
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
  });
  return outfile;
}

/**
 * zod re-exports every locale through `z` (`z.locales`), which defeats tree shaking; the edge's
 * messages are English, so that namespace is cut to `en` (more than half of the bundle). If zod
 * moves the file, nothing matches and the bundle is merely bigger.
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(esbuild) {
    esbuild.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: 'locales', namespace: 'zod-english-only', pluginData: dirname(args.importer) } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => {
      const importerDir = args.pluginData as string;
      return { contents: `export { default as en } from ${JSON.stringify(resolve(importerDir, '../locales/en.js'))};`, resolveDir: importerDir };
    });
  },
};

const common = { bundle: true, minify: true, format: 'esm', legalComments: 'none', logLevel: 'warning', plugins: [englishOnlyZod] } satisfies BuildOptions;

/** Parses the config and readies `outDir`, refusing one that holds anything but our output. */
function prepare(config: LambdaEdgeConfigInput, outDir: string): LambdaEdgeBundle {
  const parsed = lambdaEdgeConfigSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid Lambda@Edge config:\n${problems.join('\n')}`);
  }
  mkdirSync(outDir, { recursive: true });
  const foreign = readdirSync(outDir).filter((name) => name !== LAMBDA_EDGE_FILE && !STALE.has(name));
  if (foreign.length > 0) throw new Error(`${outDir} must hold only ${LAMBDA_EDGE_FILE} (it ships as the Lambda asset); found ${foreign.join(', ')}`);
  for (const name of STALE) rmSync(resolve(outDir, name), { force: true });
  return { dir: resolve(outDir), file: resolve(outDir, LAMBDA_EDGE_FILE), handler: LAMBDA_EDGE_HANDLER, config: parsed.data };
}

/**
 * `npm run build:edge`: `EDGE_PUBLIC_URL=https://drops.example.com` (and `EDGE_RATE_LIMITS=off`),
 * or `--config '<json>'` with every field; `--out <dir>`; `--lambda-edge-only` skips the worker.
 */
async function main(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, out: { type: 'string' }, 'lambda-edge-only': { type: 'boolean' } } });
  const publicUrl = process.env.EDGE_PUBLIC_URL;
  if (!values.config && !publicUrl) throw new Error('EDGE_PUBLIC_URL (or --config) is required: the distribution the Lambda@Edge bundle reads through, e.g. https://drops.example.com');
  const config = values.config ? (JSON.parse(values.config) as LambdaEdgeConfigInput) : { publicUrl: publicUrl!, rateLimits: process.env.EDGE_RATE_LIMITS !== 'off' };
  const edge = await buildEdge(config, values.out ? resolve(values.out) : undefined);
  console.log(`wrote ${edge.file} (handler ${edge.handler})`);
  if (!values['lambda-edge-only']) console.log(`wrote ${await buildWorker()}`);
}

if (process.argv[1] && import.meta.url === `file://${resolve(process.argv[1])}`) {
  await main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
