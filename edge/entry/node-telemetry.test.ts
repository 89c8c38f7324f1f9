import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwksCache } from '../../core/index.js';
import { callApp } from '../../origin/test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../../origin/test-support/start-dynalite.js';
import { createEdgeApp } from '../app.js';
import { defaultEdgeSettings } from '../deps.js';
import { serveMetrics, type MetricsListener } from '../../core/node/index.js';
import { createNodeTelemetry } from './node-telemetry.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let listener: MetricsListener | undefined;
beforeAll(async () => {
  dynamo = await startDynalite();
  origin = await createTestOrigin(dynamo);
});
afterAll(async () => {
  await listener?.close();
  await dynamo.close();
});

describe('the Node edge telemetry', { timeout: 20_000 }, () => {
  it('logs JSON request lines without credentials and serves the counters on its loopback listener only', async () => {
    const lines: string[] = [];
    const telemetry = createNodeTelemetry({ destination: { write: (line: string) => void lines.push(line) }, processMetrics: false });
    const jwks = createJwksCache({ clock: origin.clock, load: async () => (await (await origin.app.request('/.well-known/jwks.json')).json()) as never });
    const app = createEdgeApp({ clock: origin.clock, origin: async (path, init) => origin.app.request(path, init), jwks, settings: { ...defaultEdgeSettings, rateLimits: false }, observe: telemetry.observer });
    const guest = await callApp(app, 'POST', '/api/auth/guest', { headers: { 'x-request-id': 'telemetry-1' } });
    expect(guest.status).toBe(201);
    expect((await callApp(app, 'GET', '/api/me/bookings', { token: guest.body.idToken, headers: { 'x-request-id': 'telemetry-2' } })).status).toBe(200);
    expect((await callApp(app, 'GET', '/api/events/nothing-here?token=in-query')).status).toBe(404);
    // The public app has no metrics route: without a web app behind it, the path is just not found.
    const publicMetrics = await callApp(app, 'GET', '/metrics');
    expect(publicMetrics.status).toBe(404);
    expect(JSON.stringify(publicMetrics.body)).not.toContain('banjjak_');

    listener = await serveMetrics(telemetry.registry, 0);
    const scraped = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    const text = await scraped.text();
    expect(text).toMatch(/banjjak_http_requests_total\{method="POST",route="\/api\/auth\/guest",status="201",role="edge"\} 1\n/);
    expect(text).toMatch(/banjjak_http_requests_total\{method="GET",route="\/api\/events\/:eventId",status="404",role="edge"\} 1\n/);
    // What the edge only relays is labelled by its catch-all: the origin's own counters name the route.
    expect(text).toMatch(/banjjak_http_request_duration_seconds_count\{[^}]*route="\/api\/\*"[^}]*\} 1\n/);
    expect((await fetch(`http://127.0.0.1:${listener.port}/other`)).status).toBe(404);

    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => line.msg === 'request').map((line) => [line.role, line.requestId, line.route, line.status])).toEqual([
      ['edge', 'telemetry-1', '/api/auth/guest', 201],
      ['edge', 'telemetry-2', '/api/*', 200],
      ['edge', expect.any(String), '/api/events/:eventId', 404],
      ['edge', expect.any(String), '/*', 404],
    ]);
    expect(lines.join('')).not.toMatch(new RegExp(`${guest.body.idToken}|in-query|nothing-here`));
  });
});
