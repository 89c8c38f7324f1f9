import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../origin/redis/test-support/redis-server.js';
import { scrape, sumOf, type Sample } from './support/prometheus-text.js';
import { freePort, startStack, type RunningStack } from './support/start-stack.js';

const DEMO_PASSWORD = 'e2e-demo-password-7f3a';
const WRONG_PASSWORD = 'e2e-wrong-password-91c2';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The fields of a log line this test reads. */
interface LogLine {
  level?: unknown;
  role?: string;
  msg?: string;
  requestId?: string;
  route?: string;
  status?: number;
}

interface Answer {
  status: number;
  body: any;
  requestId: string | null;
}

/**
 * The whole stack as `npm start` runs it (dynalite, the origin on a real redis-server, the edge),
 * driven through a drop over HTTP with its stdout and stderr captured: the logs carry the request
 * ids and never a token or a password, and both Prometheus listeners count what happened while
 * the public port serves no metrics.
 */
describe.runIf(redisServerAvailable())('logs and metrics of the running stack', () => {
  let dataDir: string;
  let redis: RedisServer;
  let stack: RunningStack;
  let metricsPorts: { origin: number; edge: number };
  let adminToken: string;
  /** Every secret this test handed to the stack or got from it. */
  const secrets = new Set<string>([DEMO_PASSWORD, WRONG_PASSWORD]);

  async function http(method: string, path: string, options: { token?: string; body?: unknown; requestId?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.requestId !== undefined) headers['x-request-id'] = options.requestId;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${stack.url}${path}`, { method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }) });
    const text = await response.text();
    const body = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    for (const value of Object.values(typeof body === 'object' && body ? { ...body, ...body.identity } : {})) {
      if (typeof value === 'string' && value.split('.').length === 3) secrets.add(value);
    }
    return { status: response.status, body, requestId: response.headers.get('x-request-id') };
  }

  const scrapeBoth = async () => ({
    origin: await scrape(`http://127.0.0.1:${metricsPorts.origin}/metrics`),
    edge: await scrape(`http://127.0.0.1:${metricsPorts.edge}/metrics`),
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-observe-'));
    redis = await startRedisServer();
    metricsPorts = { origin: await freePort(), edge: await freePort() };
    // No ADMIN_TOKEN: the stack generates one and keeps it in a file.
    stack = await startStack({
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      REDIS_URL: redis.url,
      ORIGIN_METRICS_PORT: String(metricsPorts.origin),
      EDGE_METRICS_PORT: String(metricsPorts.edge),
    });
    adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    secrets.add(adminToken);
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the generated operator token in a file only its owner reads', async () => {
    expect(adminToken.length).toBeGreaterThanOrEqual(16);
    expect((await stat(join(dataDir, 'admin-token'))).mode & 0o777).toBe(0o600);
    expect(stack.output()).toContain(`in ${join(dataDir, 'admin-token')}`);
  });

  it('drives a drop and sees each step counted on the loopback metrics listeners', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const drop = { title: 'Observed drop', kind: 'booking', startsAt, endsAt: new Date(Date.now() + 3_600_000).toISOString(), admission: { newUsersPerMinute: 6000, maxActiveUsers: 100, sessionSeconds: 600 }, items: [{ id: 'slot-a', label: '10:00', capacity: 1, perUserLimit: 1 }] };
    const created = await http('POST', '/api/admin/events', { token: adminToken, body: drop, requestId: 'e2e-create' });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const before = await scrapeBoth();

    const login = await http('POST', '/api/auth/login', { body: { username: 'user1', password: DEMO_PASSWORD }, requestId: 'e2e-login' });
    expect(login.status).toBe(200);
    expect((await http('POST', '/api/auth/login', { body: { username: 'user2', password: WRONG_PASSWORD }, requestId: 'e2e-bad-login' })).status).toBe(401);
    const joined = await http('POST', `/api/queue/${eventId}/join`, { token: login.body.idToken, requestId: 'e2e-join' });
    expect([joined.status, joined.requestId]).toEqual([201, 'e2e-join']);
    // A guest with no request id of its own: the edge makes one and answers with it.
    const guest = await http('POST', `/api/queue/${eventId}/join`);
    expect(guest.status).toBe(201);
    expect(guest.requestId).toMatch(UUID);
    const admit = async (queueToken: string, requestId: string) => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const answer = await http('POST', `/api/queue/${eventId}/admit`, { token: queueToken, requestId });
        if (answer.status !== 409) return answer;
        await new Promise((next) => setTimeout(next, 250));
      }
      throw new Error('never admitted');
    };
    const [memberPass, guestPass] = [await admit(joined.body.queueToken, 'e2e-admit'), await admit(guest.body.queueToken, 'e2e-admit-guest')];
    expect([memberPass.status, guestPass.status]).toEqual([200, 200]);
    const book = (accessToken: string, requestId: string) =>
      fetch(`${stack.url}/api/events/${eventId}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', 'idempotency-key': `key-${requestId}`, 'x-request-id': requestId },
        body: JSON.stringify({ itemId: 'slot-a' }),
      });
    expect((await book(memberPass.body.accessToken, 'e2e-book')).status).toBe(201);
    const refused = await book(guestPass.body.accessToken, 'e2e-book-late');
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([409, 'sold_out']);
    expect((await http('GET', '/api/events/no-such-event', { requestId: 'e2e-404' })).status).toBe(404);
    // Tokens in a query string reach the edge but never a log line.
    expect((await http('GET', `/api/queue/${eventId}/state?token=${guest.body.queueToken}&access_token=${guestPass.body.accessToken}`, { requestId: 'e2e-state' })).status).toBe(200);

    const after = await scrapeBoth();
    const moved = (side: 'origin' | 'edge', name: string, labels: Record<string, string> = {}) => sumOf(after[side], name, labels) - sumOf(before[side], name, labels);
    expect({
      joins: moved('origin', 'banjjak_joins_total'),
      admits: moved('origin', 'banjjak_admits_total'),
      booked: moved('origin', 'banjjak_bookings_total', { outcome: 'created' }),
      refused: moved('origin', 'banjjak_bookings_total', { outcome: 'sold_out' }),
      soldOut: moved('origin', 'banjjak_sold_out_total'),
      origin404: moved('origin', 'banjjak_http_requests_total', { route: '/api/events/:eventId', status: '404' }),
      edge404: moved('edge', 'banjjak_http_requests_total', { route: '/api/events/:eventId', status: '404' }),
      edgeBookings: moved('edge', 'banjjak_http_requests_total', { route: '/api/events/:eventId/bookings', status: '201' }),
      edgeLatency: moved('edge', 'banjjak_http_request_duration_seconds_count', { route: '/api/events/:eventId/bookings' }),
    }).toEqual({ joins: 2, admits: 2, booked: 1, refused: 1, soldOut: 1, origin404: 1, edge404: 1, edgeBookings: 1, edgeLatency: 2 });
    expect(sumOf(after.origin, 'banjjak_queue_depth', { event: eventId })).toBeGreaterThanOrEqual(0);
    expect(after.origin.some((sample: Sample) => sample.name === 'banjjak_queue_depth' && sample.labels.event === eventId)).toBe(true);
    // The reconciler ran at start and every RECONCILE_INTERVAL_MS (10 s) since.
    expect(sumOf(after.origin, 'banjjak_reconcile_lag_seconds')).toBeLessThan(30);
    expect(after.origin.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('serves no metrics on the public port, the edge\'s or the origin\'s', async () => {
    const edgeMetrics = await http('GET', '/metrics');
    expect(JSON.stringify(edgeMetrics.body)).not.toMatch(/banjjak_|# TYPE/);
    expect((await http('GET', '/api/metrics')).status).toBe(404);
    const originUrl = /origin\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())![1]!;
    const fromOrigin = await fetch(`${originUrl}/metrics`);
    expect(fromOrigin.status).toBe(404);
    expect(await fromOrigin.text()).not.toMatch(/banjjak_|# TYPE/);
  });

  it('logs JSON request lines on both sides under the id the client sent or received, and no secret at all', async () => {
    const malformed = await http('GET', '/api/health', { requestId: 'not a good id!' });
    expect(malformed.requestId).toMatch(UUID);
    expect(await stack.stop()).toBe(0);
    const output = stack.output();
    const lines = output.split('\n').flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as LogLine] : []));
    const requestLines = (requestId: string | null) => lines.filter((line) => line.msg === 'request' && line.requestId === requestId).map((line) => `${line.role} ${line.route} ${String(line.status)}`)
        // Each process writes its lines in 4 KB batches: which side's line came first is not kept.
        .sort();

    expect(requestLines('e2e-join')).toEqual(['edge /api/queue/:eventId/join 201', 'origin /api/queue/:eventId/join 201']);
    expect(requestLines('e2e-book')).toEqual(['edge /api/events/:eventId/bookings 201', 'origin /api/events/:eventId/bookings 201']);
    expect(requestLines('e2e-book-late')).toEqual(['edge /api/events/:eventId/bookings 409', 'origin /api/events/:eventId/bookings 409']);
    expect(requestLines('e2e-404')).toEqual(['edge /api/events/:eventId 404', 'origin /api/events/:eventId 404']);
    expect(requestLines('e2e-bad-login')).toEqual(['edge /api/auth/login 401', 'origin /api/auth/login 401']);
    const guestJoin = lines.find((line) => line.msg === 'request' && line.role === 'edge' && line.route === '/api/queue/:eventId/join' && line.requestId !== 'e2e-join');
    expect(guestJoin?.requestId).toMatch(UUID);
    expect(requestLines(guestJoin!.requestId!)).toEqual(['edge /api/queue/:eventId/join 201', 'origin /api/queue/:eventId/join 201']);
    expect(requestLines(malformed.requestId)).toEqual(['edge /api/health 200']);
    expect(output).not.toContain('not a good id!');
    expect(lines.every((line) => typeof line.level === 'number' && (line.role === 'edge' || line.role === 'origin'))).toBe(true);

    expect(secrets.size).toBeGreaterThan(8);
    const leaked = [...secrets].filter((secret) => output.includes(secret));
    expect(leaked).toEqual([]);
    // Not even a token's signature, the part that would let someone replay it.
    const signatures = [...secrets].filter((secret) => secret.split('.').length === 3).map((token) => token.split('.')[2]!);
    expect(signatures.filter((signature) => output.includes(signature))).toEqual([]);
  });
});
