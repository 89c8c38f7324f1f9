import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from './test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from './test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from './test-support/start-dynalite.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
const admin = { token: TEST_ADMIN_TOKEN };

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
});

const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);

async function createEvent(overrides: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, overrides) });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function admitted(eventId: string) {
  const guest = await call('POST', '/api/auth/guest');
  const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
  origin.clock.advance(200);
  const admit = await call('POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
  expect(admit.status).toBe(200);
  return { idToken: guest.body.idToken as string, accessToken: admit.body.accessToken as string, userId: guest.body.userId as string };
}

describe('origin: the contract flow', () => {
  it('walks guest → join → admit → book → my bookings → cancel, returning inventory', async () => {
    const eventId = await createEvent();
    const visitor = await admitted(eventId);
    const booked = await call('POST', `/api/events/${eventId}/bookings`, {
      token: visitor.accessToken,
      headers: { 'idempotency-key': 'key-00000001' },
      body: { itemId: 'slot-a' },
    });
    expect(booked.status).toBe(201);
    expect(booked.body.booking).toMatchObject({ eventId, itemId: 'slot-a', userId: visitor.userId, quantity: 1, status: 'confirmed' });
    expect(booked.body.booking).not.toHaveProperty('idempotencyKey');

    const replay = await call('POST', `/api/events/${eventId}/bookings`, {
      token: visitor.accessToken,
      headers: { 'idempotency-key': 'key-00000001' },
      body: { itemId: 'slot-a' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.booking.id).toBe(booked.body.booking.id);

    const event = await call('GET', `/api/events/${eventId}`);
    expect(event.body.items.find((item: { id: string }) => item.id === 'slot-a').remaining).toBe(1);

    const mine = await call('GET', '/api/me/bookings', { token: visitor.idToken });
    expect(mine.body.bookings.map((booking: { id: string }) => booking.id)).toEqual([booked.body.booking.id]);

    const cancelled = await call('DELETE', `/api/bookings/${booked.body.booking.id}`, { token: visitor.idToken });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe('cancelled');
    const again = await call('DELETE', `/api/bookings/${booked.body.booking.id}`, { token: visitor.idToken });
    expect(again.status).toBe(200);
    const stats = await call('GET', `/api/admin/events/${eventId}/stats`, admin);
    expect(stats.body.items.find((item: { id: string }) => item.id === 'slot-a')).toEqual({ id: 'slot-a', capacity: 2, booked: 0, remaining: 2 });
    const after = await call('GET', `/api/events/${eventId}`);
    expect(after.body.items.find((item: { id: string }) => item.id === 'slot-a').remaining).toBe(2);
  });

  it('sells exactly the capacity and then says sold_out, turning the event soldout', async () => {
    const eventId = await createEvent({ items: [{ id: 'only', label: 'Only', capacity: 2, perUserLimit: 1 }] });
    const statuses: number[] = [];
    const visitors = [await admitted(eventId), await admitted(eventId), await admitted(eventId)];
    for (const [i, visitor] of visitors.entries()) {
      const result = await call('POST', `/api/events/${eventId}/bookings`, {
        token: visitor.accessToken,
        headers: { 'idempotency-key': `key-visitor-${i}` },
        body: { itemId: 'only' },
      });
      statuses.push(result.status);
      if (result.status !== 201) expect(result.body.code).toBe('sold_out');
    }
    expect(statuses).toEqual([201, 201, 409]);
    const state = await call('GET', `/api/queue/${eventId}/state`);
    expect(state.body.status).toBe('soldout');
    const guest = await call('POST', '/api/auth/guest');
    const join = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    expect([join.status, join.body.code]).toEqual([409, 'sold_out']);
  });

  it('admits in order at the configured rate and refuses early admits', async () => {
    const eventId = await createEvent({ queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 100, sessionSeconds: 600 } });
    const tokens: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const guest = await call('POST', '/api/auth/guest');
      const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
      expect(joined.status).toBe(201);
      expect(joined.body.seq).toBe(i + 1);
      tokens.push(joined.body.queueToken);
    }
    const early = await call('POST', `/api/queue/${eventId}/admit`, { token: tokens[1] });
    expect([early.status, early.body.code]).toEqual([409, 'not_ready']);
    origin.clock.advance(1_000);
    expect((await call('GET', `/api/queue/${eventId}/state`)).body.servingSeq).toBe(1);
    expect((await call('POST', `/api/queue/${eventId}/admit`, { token: tokens[0] })).status).toBe(200);
    expect((await call('POST', `/api/queue/${eventId}/admit`, { token: tokens[1] })).status).toBe(409);
    origin.clock.advance(2_500);
    const state = await call('GET', `/api/queue/${eventId}/state`);
    expect(state.body).toMatchObject({ servingSeq: 3, tailSeq: 3, status: 'open' });
    const status = await call('GET', `/api/queue/${eventId}/status`, { token: tokens[2] });
    expect(status.body).toMatchObject({ status: 'ready', position: 0 });
  });

  it('gives a rejoin the same place', async () => {
    const eventId = await createEvent();
    const guest = await call('POST', '/api/auth/guest');
    const first = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    const second = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.seq).toBe(first.body.seq);
  });

  it('logs members in with their password only', async () => {
    const { hashPassword } = await import('./identity/password-hash.js');
    await origin.deps.ledger.putMember({ username: 'user1', displayName: 'Member 1', passwordHash: await hashPassword('flashdrop', { N: 1024, r: 8, p: 1 }) });
    const ok = await call('POST', '/api/auth/login', { body: { username: 'user1', password: 'flashdrop' } });
    expect([ok.status, ok.body.userId, ok.body.kind]).toEqual([200, 'user1', 'member']);
    const wrong = await call('POST', '/api/auth/login', { body: { username: 'user1', password: 'nope' } });
    const unknown = await call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect([wrong.status, wrong.body.code, unknown.status, unknown.body.code]).toEqual([401, 'invalid_credentials', 401, 'invalid_credentials']);
  });

  it('keeps members-only events away from guests', async () => {
    const eventId = await createEvent({ guestsAllowed: false });
    const guest = await call('POST', '/api/auth/guest');
    const join = await call('POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
    expect([join.status, join.body.code]).toEqual([403, 'members_only']);
  });
});
