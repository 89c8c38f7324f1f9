import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { describe, expect, it } from 'vitest';
import { observeRequests, type RequestLine } from './observe-requests.js';
import { isWellFormedRequestId, requestIdFor } from './request-id.js';

function observedApp() {
  const lines: RequestLine[] = [];
  let tick = 0;
  const app = new Hono<{ Variables: { requestId: string } }>();
  app.use(observeRequests({ route: routePath, report: (line) => lines.push(line), now: () => (tick += 2.5), generateId: () => 'generated-id' }));
  app.get('/api/items/:itemId', (c) => c.json({ seen: c.get('requestId') }));
  // A relayed answer: headers of a fetched Response are immutable.
  app.get('/relayed', async () => fetch('data:text/plain,relayed'));
  app.post('/fails', () => {
    throw new Error('boom');
  });
  app.onError((_error, c) => c.json({ code: 'internal' }, 500));
  return { app, lines };
}

describe('request ids', () => {
  it.each([
    ['abc-123_XYZ', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['', false],
    ['has space', false],
    ['line\nbreak', false],
    ['eq=', false],
    ['ünïcode', false],
  ])('%j is well formed: %s', (value, expected) => {
    expect(isWellFormedRequestId(value)).toBe(expected);
    expect(requestIdFor(value, () => 'fresh')).toBe(expected ? value : 'fresh');
  });

  it('makes a UUID when none is given', () => {
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('observeRequests', () => {
  it('keeps a well-formed id, exposes it to handlers, answers with it and reports the route pattern', async () => {
    const { app, lines } = observedApp();
    const response = await app.request('/api/items/item-7?token=secret', { headers: { 'x-request-id': 'client-id-1' } });
    expect(response.headers.get('x-request-id')).toBe('client-id-1');
    expect(await response.json()).toEqual({ seen: 'client-id-1' });
    expect(lines).toEqual([{ requestId: 'client-id-1', method: 'GET', route: '/api/items/:itemId', status: 200, ms: 2.5 }]);
  });

  it('replaces a malformed id, and sets it on relayed and failed answers too', async () => {
    const { app, lines } = observedApp();
    const relayed = await app.request('/relayed', { headers: { 'x-request-id': 'x'.repeat(65) } });
    expect(relayed.headers.get('x-request-id')).toBe('generated-id');
    expect(await relayed.text()).toBe('relayed');
    const failed = await app.request('/fails', { method: 'POST' });
    expect(failed.headers.get('x-request-id')).toBe('generated-id');
    expect(lines.map(({ route, status, method }) => [method, route, status])).toEqual([
      ['GET', '/relayed', 200],
      ['POST', '/fails', 500],
    ]);
  });

  it('labels unknown methods as OTHER and unmatched paths with no URL in the line', async () => {
    const { app, lines } = observedApp();
    expect((await app.request('/no/such/path?password=hunter2', { method: 'PURGE' })).status).toBe(404);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'OTHER', status: 404 });
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|no\/such/);
  });
});
