import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { precompressAssets } from './tools/precompress-assets.js';

// One file for the web build (root: web/, output: dist/web) and the Vitest projects.
// `npm run dev:web` proxies /api, /hls and /.well-known to a running stack (`npm start`).
const stack = process.env.BANJJAK_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  plugins: [solid(), precompressAssets()],
  // hls.js (≈180 KB gzip) is one chunk loaded only by the channel page; the manifest feeds the bundle-size check.
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022', manifest: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: { '/api': stack, '/hls': stack, '/.well-known': stack },
  },
  test: {
    root: '.',
    environment: 'node',
    reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
    projects: [
      { test: { name: 'core', root: '.', include: ['core/**/*.test.ts'] } },
      // Real redis-server and dynalite under every origin test: a busy 2-core machine needs more than 5 s.
      { test: { name: 'origin', root: '.', include: ['origin/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000 } },
      { test: { name: 'edge', root: '.', include: ['edge/**/*.test.ts'] } },
      { test: { name: 'web', root: '.', include: ['web/**/*.test.ts'] } },
      { test: { name: 'loadtest', root: '.', include: ['loadtest/**/*.test.ts'] } },
      { test: { name: 'infra', root: '.', include: ['infra/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      {
        test: { name: 'e2e', root: '.', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
