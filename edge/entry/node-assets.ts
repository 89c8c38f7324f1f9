import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { relative, resolve } from 'node:path';

/**
 * The built web app from disk, for the Node front door. Hashed files under /assets/ are immutable;
 * every other path falls back to index.html (client-side routing), which is never cached long.
 */
export function createNodeAssets(webDir: string): (request: Request) => Promise<Response> {
  const root = relative(process.cwd(), resolve(webDir)) || '.';
  const assets = new Hono();
  assets.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  // Brotli or gzip twins written at build time (tools/precompress-assets.ts): a phone on a slow
  // network downloads the app at a third of its size, and the edge spends no CPU compressing.
  assets.use('*', serveStatic({ root, precompressed: true }));
  assets.get(
    '*',
    serveStatic({
      root,
      path: 'index.html',
      onFound: (_path, c) => {
        c.header('cache-control', 'no-cache');
      },
    }),
  );
  assets.notFound((c) => c.text('web app not built: run `npm run build:web`', 404));
  return async (request) => assets.fetch(request);
}
