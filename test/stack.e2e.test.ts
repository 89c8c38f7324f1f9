import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from './support/start-stack.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
let dataDir: string;
let stack: RunningStack | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'banjjak-e2e-'));
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function http(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack!.url}${path}`, {
    method,
    headers,
    ...((options.body !== undefined || options.raw !== undefined) && { body: options.raw ?? JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: type.includes('json') ? JSON.parse(text) : text };
}

describe('the whole stack, for real: dynalite + origin + edge over HTTP', () => {
  let idToken: string;
  let bookingId: string;

  it('starts on embedded defaults and serves the web app and the demo drops', async () => {
    stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true' });
    expect(stack.output()).toContain('user1');
    // The operator chose the token: it is not printed back.
    expect(stack.output()).toContain('from ADMIN_TOKEN (not shown)');
    expect(stack.output()).not.toContain(ADMIN_TOKEN);
    expect((await http('GET', '/api/health')).body.status).toBe('ok');
    const page = await http('GET', '/events/seongsu-popup');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>반짝 Banjjak</title>');
    const catalog = await http('GET', '/api/catalog');
    expect(catalog.body.events.map((event: { id: string }) => event.id).sort()).toEqual(['k-beauty-deal', 'seongsu-popup', 'snack-box-drop']);
    expect(catalog.body.channels).toHaveLength(3);
    const popup = await http('GET', '/api/events/seongsu-popup');
    expect(popup.body).toMatchObject({ status: 'open', kind: 'booking' });
    expect(popup.body.items).toHaveLength(6);
    expect(popup.body.items.every((item: { capacity: number; perUserLimit: number }) => item.capacity === 50 && item.perUserLimit === 1)).toBe(true);
    const deal = await http('GET', '/api/events/k-beauty-deal');
    expect(deal.body).toMatchObject({ status: 'prequeue', kind: 'deal' });
    expect(deal.body.fairness.seedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(deal.body.fairness.seed).toBeUndefined();
  });

  it('books a slot as user1: login → join → state → status → admit → book → my bookings', async () => {
    const login = await http('POST', '/api/auth/login', { body: { username: 'user1', password: 'flashdrop' } });
    expect(login.status).toBe(200);
    idToken = login.body.idToken;
    const joined = await http('POST', '/api/queue/seongsu-popup/join', { token: idToken });
    expect(joined.status).toBe(201);
    const state = await http('GET', '/api/queue/seongsu-popup/state');
    expect(state.body.tailSeq).toBeGreaterThanOrEqual(joined.body.seq);
    const status = await http('GET', '/api/queue/seongsu-popup/status', { token: joined.body.queueToken });
    expect(status.body.seq).toBe(joined.body.seq);
    let admit = await http('POST', '/api/queue/seongsu-popup/admit', { token: joined.body.queueToken });
    for (let attempt = 0; admit.status === 409 && attempt < 20; attempt += 1) {
      await new Promise((done) => setTimeout(done, 250));
      admit = await http('POST', '/api/queue/seongsu-popup/admit', { token: joined.body.queueToken });
    }
    expect(admit.status).toBe(200);
    const booked = await http('POST', '/api/events/seongsu-popup/bookings', {
      token: admit.body.accessToken,
      headers: { 'idempotency-key': 'e2e-user1-slot-13' },
      body: { itemId: 'slot-13' },
    });
    expect(booked.status).toBe(201);
    bookingId = booked.body.booking.id;
    const mine = await http('GET', '/api/me/bookings', { token: idToken });
    expect(mine.body.bookings.map((booking: { id: string }) => booking.id)).toContain(bookingId);
  });

  it('lets a visitor with no identity arrive as a guest and take a place in one request', async () => {
    const joined = await http('POST', '/api/queue/seongsu-popup/join');
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ seq: expect.any(Number), status: expect.any(String), refreshAfterMs: expect.any(Number), identity: { kind: 'guest' } });
    const status = await http('GET', '/api/queue/seongsu-popup/status', { token: joined.body.queueToken });
    expect(status.body.seq).toBe(joined.body.seq);
    expect((await http('GET', '/api/me/bookings', { token: joined.body.identity.idToken })).status).toBe(200);
  });

  it('answers bad input with 4xx problem+json and no 500', async () => {
    const cases = [
      await http('GET', '/api/events/no-such-event'),
      // Without a token a join is a new guest's arrival (201 where guests may come): not bad input.
      await http('POST', '/api/queue/no-such-event/join'),
      await http('POST', '/api/queue/seongsu-popup/join', { token: 'forged.token.value' }),
      await http('POST', '/api/auth/login', { raw: '{"username":' }),
      await http('POST', '/api/auth/login', { body: { username: 'user1' } }),
      await http('GET', '/api/queue/seongsu-popup/status', { token: idToken }),
      await http('PATCH', '/api/admin/events/seongsu-popup', { token: 'wrong', body: { paused: true } }),
    ];
    expect(cases.map((result) => [result.status, result.body.code])).toEqual([
      [404, 'event_not_found'],
      [404, 'event_not_found'],
      [401, 'invalid_token'],
      [400, 'invalid_json'],
      [400, 'validation_failed'],
      [403, 'wrong_token_type'],
      [401, 'invalid_token'],
    ]);
    expect(cases.every((result) => result.type.includes('application/problem+json'))).toBe(true);
  });

  it('finds the same booking and keeps the same signing keys after a restart on the same data', async () => {
    expect(await stack!.stop()).toBe(0);
    stack = await startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true' });
    const mine = await http('GET', '/api/me/bookings', { token: idToken });
    expect(mine.status).toBe(200);
    expect(mine.body.bookings).toEqual([expect.objectContaining({ id: bookingId, itemId: 'slot-13', status: 'confirmed' })]);
    const popup = await http('GET', '/api/events/seongsu-popup');
    expect(popup.body.items.find((item: { id: string }) => item.id === 'slot-13').remaining).toBe(49);
    const cancelled = await http('DELETE', `/api/bookings/${bookingId}`, { token: idToken });
    expect(cancelled.body.booking.status).toBe('cancelled');
    const after = await http('GET', '/api/admin/events/seongsu-popup/stats', { token: ADMIN_TOKEN });
    expect(after.body.items.find((item: { id: string }) => item.id === 'slot-13')).toMatchObject({ booked: 0, remaining: 50 });
  });
});
