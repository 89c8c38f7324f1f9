/**
 * `npm run check:bundle` (part of `npm test`, after `build:web`): the waiting room's initial
 * JavaScript, gzipped, stays within its budget. Every route shares the entry chunk, so the
 * waiting room's initial JS is the entry and its static imports; hls.js and the operator console
 * are dynamic chunks and must not be among them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialChunks, type Manifest } from './initial-js.js';

const BUDGET_BYTES = 60 * 1024;
const dist = join(import.meta.dirname, '../dist/web');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
const chunks = initialChunks(manifest).filter((file) => file.endsWith('.js'));
const sizes = chunks.map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
const total = sizes.reduce((sum, chunk) => sum + chunk.gzip, 0);
for (const { file, gzip } of sizes) console.log(`  ${file}  ${(gzip / 1024).toFixed(1)} KB gzip`);
console.log(`waiting room initial JS: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);

const forbidden = sizes.filter(({ file }) => /\/(hls|console)[-.]/.test(file));
if (forbidden.length > 0) {
  console.error(`these chunks must load on demand, not at start: ${forbidden.map((chunk) => chunk.file).join(', ')}`);
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`over budget by ${((total - BUDGET_BYTES) / 1024).toFixed(1)} KB`);
  process.exit(1);
}
