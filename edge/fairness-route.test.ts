import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, contract, fairnessViewSchema } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe("the edge serves a draw's evidence like the other public event reads", () => {
  it('caches it per part, answers unknown events with problem+json, and keeps a recorded draw for good', async () => {
    const origin = await createTestOrigin(dynamo);
    const edge = createTestEdge(origin.app, origin.clock);
    const call = (method: string, path: string, options = {}) => callApp(edge.app, method, path, options);
    const startsAt = origin.clock.now() + 60_000;
    const body = openEvent(origin.clock, { id: 'drop-fair', startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 5 });
    expect((await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).status).toBe(201);
    const path = '/api/events/drop-fair/fairness';
    const originCalls = async (action: () => Promise<unknown>) => {
      const before = edge.originRequests.length;
      await action();
      return edge.originRequests.slice(before);
    };

    const crowd = await originCalls(async () => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => call('GET', `${path}?bust=${Math.random()}`)));
      for (const answer of answers) expect(fairnessViewSchema.parse(answer.body).state).toBe('committed');
    });
    expect(crowd).toEqual([`GET ${path}`]);
    const unknown = await call('GET', '/api/events/no-such-drop/fairness');
    expect([unknown.status, unknown.body.code, unknown.headers.get('content-type')]).toEqual([404, 'event_not_found', 'application/problem+json']);
    expect(await originCalls(() => call('GET', `${path}?part=1&x=y`))).toEqual([`GET ${path}?part=1`]);

    for (const name of ['ana', 'bo']) {
      const guest = (await call('POST', '/api/auth/guest', { headers: { 'x-test-ip': `10.0.0.${name.length}` } })).body;
      expect((await call('POST', '/api/queue/drop-fair/join', { token: guest.idToken })).body.status).toBe('prequeue');
    }
    origin.clock.set(startsAt);
    await origin.events.tick(await origin.events.find('drop-fair'));
    origin.clock.advance(2_000);
    const drawn = await call('GET', path);
    expect(fairnessViewSchema.parse(drawn.body)).toMatchObject({ state: 'drawn', registrants: { count: 2 } });
    expect(drawn.headers.get('cache-control')).toContain('immutable');
    origin.clock.advance(60_000);
    expect(await originCalls(() => call('GET', path))).toEqual([]);
  });

  it('is in the public contract, without credentials', () => {
    const op = contract.find((candidate) => candidate.path === '/api/events/:eventId/fairness');
    expect(op).toMatchObject({ method: 'get', responses: { 200: [expect.any(String), fairnessViewSchema], 404: [expect.any(String)] } });
    expect(op?.auth).toBeUndefined();
    const documented = buildOpenApiDocument().paths['/api/events/{eventId}/fairness']!.get as { security: unknown; responses: Record<string, { content: object }> };
    expect(documented.security).toEqual([]);
    expect(documented.responses['404']!.content).toHaveProperty(['application/problem+json']);
  });
});
