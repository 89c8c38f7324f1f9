import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, contract, createFakeClock, createJwksCache, type Operation } from '../core/index.js';
import { createEdgeApp } from './app.js';
import { defaultEdgeSettings } from './deps.js';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

/**
 * `redocly lint` with its built-in recommended rules: run in an empty folder so no config file
 * changes the rules, with telemetry off so it opens no connection (the ruleset ships in the package).
 */
async function redoclyLint(document: string): Promise<LintReport> {
  const folder = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    await writeFile(join(folder, 'openapi.json'), document);
    const args = [cli, 'lint', 'openapi.json', '--extends=recommended', '--format=json'];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    // Exit code 1 only means "problems found": the report on stdout says which.
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: folder, env }, (_exit, stdout, stderr) => resolve({ stdout, stderr }));
    });
    try {
      return JSON.parse(stdout) as LintReport;
    } catch {
      throw new Error(`redocly lint printed no report:\n${stderr}`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const listed = (report: LintReport) => report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
const found = (report: LintReport) => report.problems.map((p) => [p.ruleId, p.location[0]?.pointer]);

const clock = createFakeClock();
const originRequests: string[] = [];
const edge = createEdgeApp({
  clock,
  origin: async (path) => {
    originRequests.push(path);
    throw new TypeError('origin unreachable');
  },
  jwks: createJwksCache({ clock, load: async () => ({ keys: [] }) }),
  settings: defaultEdgeSettings,
});

/** The document byte for byte as the edge serves it. */
async function served(): Promise<string> {
  const response = await edge.request('/api/openapi.json');
  expect(response.status).toBe(200);
  return response.text();
}

describe('the served OpenAPI document passes redocly lint (recommended rules)', { timeout: 30_000 }, () => {
  it('has no error and no warning, and the edge serves it without the origin', async () => {
    const report = await redoclyLint(await served());
    expect(listed(report), 'redocly lint problems').toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(originRequests).toEqual([]);
  });

  it('marks public operations `security: []` and protected ones with their scheme', async () => {
    const document = JSON.parse(await served());
    for (const op of contract) {
      const { security } = document.paths[op.path.replace(/:(\w+)/g, '{$1}')][op.method];
      if (op.auth) expect(Object.keys(security[0]), `${op.method} ${op.path}`).toEqual([`${op.auth}Token`]);
      else expect(security, `${op.method} ${op.path}`).toEqual([]);
    }
  });

  it('reports a public operation without `security: []` and an operation without a 4xx answer', async () => {
    const document = JSON.parse(await served());
    delete document.paths['/api/health'].get.security;
    const { responses } = document.paths['/api/ready'].get;
    for (const status of Object.keys(responses)) if (status.startsWith('4')) delete responses[status];
    const report = await redoclyLint(JSON.stringify(document));
    expect(found(report)).toEqual([
      ['security-defined', '#/paths/~1api~1health/get'],
      ['operation-4xx-response', '#/paths/~1api~1ready/get/responses'],
    ]);
  });

  it('keeps new routes clean: a public read and an operator action that declare only success', async () => {
    const added: Operation[] = [
      { method: 'get', path: '/api/events/:eventId/lineup', summary: 'Who performs when', tag: 'catalog', responses: { 200: ['the lineup'] } },
      { method: 'post', path: '/api/admin/events/:eventId/archive', summary: 'Archive an event', tag: 'operator', auth: 'operator', responses: { 200: ['archived'] } },
    ];
    const document = buildOpenApiDocument('/', [...contract, ...added]);
    const report = await redoclyLint(JSON.stringify(document));
    expect(listed(report), 'redocly lint problems').toEqual([]);
    expect(document.paths['/api/events/{eventId}/lineup']?.get).toMatchObject({ security: [], responses: { 429: {} } });
    expect(document.paths['/api/admin/events/{eventId}/archive']?.post).toMatchObject({ security: [{ operatorToken: [] }], responses: { 401: {}, 429: {} } });
  });
});
