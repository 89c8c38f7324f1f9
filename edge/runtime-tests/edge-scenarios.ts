import { serve, type ServerType } from '@hono/node-server';
import { expect } from 'vitest';
import { createFakeClock } from '../../core/index.js';
import { callApp } from '../../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../../origin/test-support/start-dynalite.js';

export interface Sent {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP exchange with the edge as a given runtime delivers it. */
export type Send = (method: string, path: string, options?: { headers?: Record<string, string>; body?: string }) => Promise<Sent>;

export interface ServedOrigin {
  url: string;
  close(): Promise<void>;
}

/** A real origin app on a loopback port (dynalite ledger), with the clock at real time and these events open. */
export async function serveTestOrigin(...eventIds: string[]): Promise<ServedOrigin> {
  const dynamo: TestDynamo = await startDynalite();
  // Real time: the bundles under test read the system clock, so the origin must agree with it.
  const clock = Object.assign(createFakeClock(), { now: () => Date.now() });
  const origin = await createTestOrigin(dynamo, { clock });
  for (const eventId of eventIds) {
    const created = await callApp(origin.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { id: eventId }) });
    expect(created.status).toBe(201);
  }
  const server: ServerType = await new Promise((done) => {
    const running = serve({ fetch: origin.app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(running));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((done) => server.close(done));
      await dynamo.close();
    },
  };
}

const json = (sent: Sent) => JSON.parse(sent.body);

/** The same visit through any runtime: identity, line, status, admit, booking, and the shield's refusals. */
export async function runEdgeScenarios(send: Send, eventId: string): Promise<void> {
  const health = await send('GET', '/api/health');
  expect([health.status, json(health).role]).toEqual([200, 'edge']);

  const guest = await send('POST', '/api/auth/guest');
  expect(guest.status).toBe(201);
  const idToken = json(guest).idToken as string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const joined = await send('POST', `/api/queue/${eventId}/join`, { headers: auth(idToken) });
  expect(joined.status).toBe(201);
  const queueToken = json(joined).queueToken as string;

  const state = await send('GET', `/api/queue/${eventId}/state`);
  expect(state.status).toBe(200);
  expect(state.headers['cache-control']).toContain('s-maxage=1');
  expect(json(state)).toMatchObject({ eventId, tailSeq: 1 });

  let status = await send('GET', `/api/queue/${eventId}/status`, { headers: auth(queueToken) });
  expect(json(status)).toMatchObject({ seq: 1 });
  for (let polls = 0; json(status).status !== 'ready' && polls < 30; polls += 1) {
    await new Promise((done) => setTimeout(done, json(status).refreshAfterMs as number));
    status = await send('GET', `/api/queue/${eventId}/status`, { headers: auth(queueToken) });
  }
  expect(json(status)).toMatchObject({ status: 'ready', seq: 1, position: 0 });

  const admit = await send('POST', `/api/queue/${eventId}/admit`, { headers: auth(queueToken) });
  expect(admit.status).toBe(200);
  const accessToken = json(admit).accessToken as string;

  const booking = { headers: { ...auth(accessToken), 'content-type': 'application/json', 'idempotency-key': 'runtime-key-1' }, body: JSON.stringify({ itemId: 'slot-a' }) };
  const booked = await send('POST', `/api/events/${eventId}/bookings`, booking);
  expect(booked.status).toBe(201);
  const replayed = await send('POST', `/api/events/${eventId}/bookings`, booking);
  expect([replayed.status, json(replayed).booking.id]).toEqual([200, json(booked).booking.id]);

  const refusals: [Sent, number, string][] = [
    [await send('GET', `/api/queue/${eventId}/status`, { headers: auth(`${queueToken.slice(0, -6)}AAAAAA`) }), 401, 'invalid_token'],
    [await send('POST', `/api/events/${eventId}/bookings`, { ...booking, headers: { ...booking.headers, ...auth(queueToken) } }), 403, 'wrong_token_type'],
    [await send('POST', `/api/events/${eventId}/bookings`, { ...booking, body: JSON.stringify({ itemId: 'slot-a', pad: 'x'.repeat(17_000) }) }), 413, 'payload_too_large'],
    [await send('GET', '/api/events/no-such-event'), 404, 'event_not_found'],
  ];
  for (const [sent, code, name] of refusals) {
    expect([sent.status, json(sent).code]).toEqual([code, name]);
    expect(sent.headers['content-type']).toContain('application/problem+json');
  }

  const catalog = await send('GET', '/api/catalog');
  const etag = catalog.headers.etag!;
  expect(etag).toMatch(/^W\//);
  expect((await send('GET', '/api/catalog', { headers: { 'if-none-match': etag } })).status).toBe(304);
}
