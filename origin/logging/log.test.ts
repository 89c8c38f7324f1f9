import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOriginApp } from '../app.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createLogger } from './log.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** A logger writing into an array, as the process's stdout would receive the lines. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('origin logs', { timeout: 20_000 }, () => {
  it('writes one JSON line per request with the request id it answers with, never the URL', async () => {
    const origin = await createTestOrigin(dynamo);
    const { logger, parsed } = capturedLogger();
    const { app } = createOriginApp({ ...origin.deps, log: logger });
    const kept = await callApp(app, 'GET', '/api/events/no-such-event?token=secret-in-query', { headers: { 'x-request-id': 'client-req-0001' } });
    expect(kept.headers.get('x-request-id')).toBe('client-req-0001');
    const replaced = await callApp(app, 'GET', '/api/health', { headers: { 'x-request-id': 'not ok; has spaces' } });
    const fresh = replaced.headers.get('x-request-id');
    expect(fresh).toMatch(UUID);
    const lines = parsed();
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, role: 'origin', msg: 'request', requestId: 'client-req-0001', method: 'GET', route: '/api/events/:eventId', status: 404, ms: expect.any(Number) }),
      expect.objectContaining({ msg: 'request', requestId: fresh, route: '/api/health', status: 200 }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret-in-query|no-such-event|has spaces/);
  });

  it('logs a fault with the id of the request it broke, and never the bearer token', async () => {
    const origin = await createTestOrigin(dynamo);
    const { logger, parsed } = capturedLogger();
    const channels = { ...origin.deps.channels, list: () => Promise.reject(new Error('directory unreachable')), get: () => Promise.reject(new Error('directory unreachable')) };
    const { app } = createOriginApp({ ...origin.deps, channels, log: logger });
    const failed = await callApp(app, 'GET', '/api/channels/live-1', { token: TEST_ADMIN_TOKEN, headers: { 'x-request-id': 'broken-req-42' } });
    expect(failed.status).toBe(500);
    const fault = parsed().find((line) => line.msg === 'origin error');
    expect(fault).toMatchObject({ level: 50, requestId: 'broken-req-42', err: { message: 'directory unreachable' } });
    expect(parsed().find((line) => line.msg === 'request')).toMatchObject({ requestId: 'broken-req-42', status: 500 });
    expect(JSON.stringify(parsed())).not.toContain(TEST_ADMIN_TOKEN);
  });

  it('names the request on the lines a booking logs, after its answer too', async () => {
    const origin = await createTestOrigin(dynamo);
    const { logger, parsed } = capturedLogger();
    // The booking stands; freeing the admission session afterwards fails.
    const queue = { ...origin.deps.queue, complete: () => Promise.reject(new Error('queue unreachable')) };
    const { app } = createOriginApp({ ...origin.deps, queue, log: logger });
    const eventId = (await callApp(app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock) })).body.id as string;
    const access = (await origin.deps.tokens.sign('access', { sub: 'ana', evt: eventId }, 600)).token;
    const booked = await callApp(app, 'POST', `/api/events/${eventId}/bookings`, { token: access, headers: { 'idempotency-key': 'deep-key-1', 'x-request-id': 'deep-req-7' }, body: { itemId: 'slot-a' } });
    expect(booked.status).toBe(201);
    const warning = parsed().find((line) => line.level === 40);
    expect(warning).toMatchObject({ msg: 'after booking: session not freed or sell-out not flagged', requestId: 'deep-req-7', eventId, err: { message: 'queue unreachable' } });
    expect(parsed().filter((line) => line.msg === 'request').at(-1)).toMatchObject({ requestId: 'deep-req-7', route: '/api/events/:eventId/bookings', status: 201 });
  });

  it('censors credentials wherever a line would carry them', () => {
    const { logger, lines } = capturedLogger();
    logger.info({
      headers: { authorization: 'Bearer header-secret', cookie: 'sid=cookie-secret', 'x-forwarded-authorization': 'Bearer forwarded-secret' },
      password: 'top-password',
      body: { token: 'body-token', idToken: 'id-secret', queueToken: 'queue-secret', accessToken: 'access-secret' },
      login: { user: { password: 'nested-password' } },
      config: { adminToken: 'admin-secret' },
    }, 'shapes a careless call could log');
    const [line] = lines;
    for (const secret of ['header-secret', 'cookie-secret', 'forwarded-secret', 'top-password', 'body-token', 'id-secret', 'queue-secret', 'access-secret', 'nested-password', 'admin-secret']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });
});
