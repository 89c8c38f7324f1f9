import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderHtml } from './render-html.js';
import type { Report } from './report.js';

/** `.loadtest/` is git-ignored: runs pile up there unless `--out` says otherwise. */
export function defaultOutDir(scenario: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('.loadtest', `${scenario}-${stamp}`);
}

export async function writeReport(report: Report, outDir: string): Promise<{ json: string; html: string }> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderHtml(report));
  return { json, html };
}
