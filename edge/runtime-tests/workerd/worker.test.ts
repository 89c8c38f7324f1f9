import { Miniflare } from 'miniflare';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildWorker } from '../../../tools/build-edge.js';
import { runEdgeScenarios, serveTestOrigin, type Send, type ServedOrigin } from '../edge-scenarios.js';

let origin: ServedOrigin;
let mf: Miniflare;
const eventId = 'drop-workerd';

beforeAll(async () => {
  origin = await serveTestOrigin(eventId);
  const worker = await buildWorker(await mkdtemp(join(tmpdir(), 'banjjak-worker-')));
  mf = new Miniflare({
    modules: true,
    script: await readFile(worker, 'utf8'),
    compatibilityDate: '2025-01-01',
    compatibilityFlags: ['nodejs_compat'],
    bindings: { ORIGIN_URL: origin.url },
  });
});
afterAll(async () => {
  await mf?.dispose();
  await origin?.close();
});

const send: Send = async (method, path, options = {}) => {
  const response = await mf.dispatchFetch(`https://edge.example${path}`, {
    method,
    headers: { 'cf-connecting-ip': '203.0.113.9', ...options.headers },
    ...(options.body !== undefined && { body: options.body }),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body: await response.text() };
};

describe('edge on Workers (the built bundle inside workerd via miniflare)', () => {
  it('runs the visit and the shield like the Node edge', async () => {
    await runEdgeScenarios(send, eventId);
  });
});
