import { build, type Plugin } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const originRoot = resolve(root, 'origin');
const ENTRY_FILE = 'index.mjs';

/** The Lambda handler setting for the bundle: file `index.mjs`, export `handler`. */
export const ORIGIN_LAMBDA_HANDLER = 'index.handler';
export const DEFAULT_ORIGIN_LAMBDA_DIR = resolve(root, 'dist/origin-lambda');

export interface OriginLambdaBundle {
  /** Ship as is (`lambda.Code.fromAsset(dir)`): `index.mjs`, its source map, `<concept>/lua/`. */
  dir: string;
  file: string;
  handler: typeof ORIGIN_LAMBDA_HANDLER;
  /** The Lua folders shipped, relative to `dir` (`admission/lua`, `channels/lua`, `inventory/lua`, `qoe/lua`, `replays/lua`). */
  luaDirs: string[];
}

/** Every `lua` folder under origin/, relative to it: what the script modules read at load. */
function originLuaDirs(): string[] {
  return readdirSync(originRoot, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name === 'lua' && !entry.parentPath.split(sep).includes('lua'))
    .map((entry) => relative(originRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * After bundling, every module's `import.meta.url` would be the bundle's, so
 * `new URL('./lua/', import.meta.url)` in `admission/` and `inventory/` would name one folder.
 * This gives each origin module the URL it would have at its own path under the bundle's folder
 * (`<dir>/admission/admission-scripts.ts`); the build copies each `<concept>/lua` there, so the
 * script modules read their own scripts, unchanged, from source and from the bundle alike.
 */
const moduleUrlsUnderBundle: Plugin = {
  name: 'module-urls-under-bundle',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(originRoot + sep)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const ownPath = `./${relative(originRoot, args.path).split(sep).join('/')}`;
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(ownPath)}, import.meta.url).href`), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Readies `outDir`, refusing one that holds anything but a previous bundle. */
function prepare(outDir: string, luaDirs: string[]): void {
  mkdirSync(outDir, { recursive: true });
  const ours = new Set([ENTRY_FILE, `${ENTRY_FILE}.map`, ...luaDirs.map((dir) => dir.split('/')[0]!)]);
  const foreign = readdirSync(outDir).filter((name) => !ours.has(name));
  if (foreign.length > 0) throw new Error(`${outDir} must hold only the origin Lambda bundle (it ships as the asset); found ${foreign.join(', ')}`);
  for (const name of ours) rmSync(join(outDir, name), { recursive: true, force: true });
}

/**
 * The origin Lambda asset (Node 22, ESM, handler `index.handler`): `origin/entry/lambda.ts` and
 * every dependency in one `index.mjs` (the AWS SDK included, so the tested versions ship), and
 * the Lua scripts beside it. For the CDK app, awaited before synth.
 */
export async function buildOriginLambda(outDir = DEFAULT_ORIGIN_LAMBDA_DIR): Promise<OriginLambdaBundle> {
  const dir = resolve(outDir);
  const luaDirs = originLuaDirs();
  prepare(dir, luaDirs);
  const file = join(dir, ENTRY_FILE);
  await build({
    entryPoints: [resolve(originRoot, 'entry/lambda.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies (ioredis) call require() for Node built-ins; ESM has none of its own.
    banner: { js: "import { createRequire as __bjCreateRequire } from 'node:module'; const require = __bjCreateRequire(import.meta.url);" },
    plugins: [moduleUrlsUnderBundle],
  });
  for (const luaDir of luaDirs) cpSync(join(originRoot, luaDir), join(dir, luaDir), { recursive: true, filter: (path) => path.endsWith('.lua') || statSync(path).isDirectory() });
  return { dir, file, handler: ORIGIN_LAMBDA_HANDLER, luaDirs };
}

// `npm run build:origin-lambda [-- <outDir>]`
if (process.argv[1] && import.meta.url === `file://${resolve(process.argv[1])}`) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  await buildOriginLambda(outDir).then(
    (bundle) => console.log(`wrote ${bundle.file} (handler ${bundle.handler}) and ${bundle.luaDirs.join(', ')}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
