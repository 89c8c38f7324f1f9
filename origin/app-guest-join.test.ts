import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { identityResponseSchema, joinResponseSchema } from '../core/index.js';
import { callApp } from './test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from './test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from './test-support/start-dynalite.js';

// The one-request join (docs/decisions/0010-one-request-join.md): without a token, a join mints
// the guest it places; every join answers with the waiting room's first screen.

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

/**
 * Everything a refused join could have created: queue places, registrations, sessions, ledger
 * items (and, checked beside it, signed tokens). A random guest id drawn and dropped is no trace.
 */
async function footprint(eventId: string) {
  const ledgerItems = (await dynamo.client.send(new ScanCommand({ TableName: origin.tableName, Select: 'COUNT' }))).Count;
  const { tailSeq, waiting, prequeued, active } = (await call('GET', `/api/admin/events/${eventId}/stats`, admin)).body;
  return { ledgerItems, tailSeq, waiting, prequeued, active };
}

/** Runs a refused token-less join and checks it left no trace, no identity included. */
async function expectRefusedWithoutTrace(eventId: string, status: number, code: string) {
  const before = await footprint(eventId);
  const sign = vi.spyOn(origin.deps.tokens, 'sign');
  const refused = await call('POST', `/api/queue/${eventId}/join`);
  expect([refused.status, refused.body.code]).toEqual([status, code]);
  expect(refused.body).not.toHaveProperty('identity');
  expect(sign).not.toHaveBeenCalled();
  sign.mockRestore();
  expect(await footprint(eventId)).toEqual(before);
}

describe('origin: the one-request join', () => {
  it('mints a guest and places it in one request, as usable as one from /api/auth/guest', async () => {
    const eventId = await createEvent({ queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 100, sessionSeconds: 600 } });
    const joined = await call('POST', `/api/queue/${eventId}/join`);
    expect(joined.status).toBe(201);
    const body = joinResponseSchema.parse(joined.body);
    const identity = identityResponseSchema.parse(body.identity);
    expect(identity).toMatchObject({ kind: 'guest', userId: expect.stringMatching(/^guest_/) });
    expect(Object.keys(identity).sort()).toEqual(Object.keys((await call('POST', '/api/auth/guest')).body).sort());
    expect(body).toMatchObject({ seq: 1, status: 'waiting', position: 1 });

    // The identity is a real one: it rejoins to the same place and reads its own bookings.
    const again = await call('POST', `/api/queue/${eventId}/join`, { token: identity.idToken });
    expect([again.status, again.body.seq, again.body.identity]).toEqual([200, 1, undefined]);
    expect((await call('GET', '/api/me/bookings', { token: identity.idToken })).status).toBe(200);
    // Always a new guest: a second token-less join is someone else.
    const other = await call('POST', `/api/queue/${eventId}/join`);
    expect([other.status, other.body.seq]).toEqual([201, 2]);
    expect(other.body.identity.userId).not.toBe(identity.userId);
  });

  it('answers every join with the first screen /status would show', async () => {
    const eventId = await createEvent({ queueAll: true, admission: { newUsersPerMinute: 60, maxActiveUsers: 100, sessionSeconds: 600 } });
    const guests = [await call('POST', `/api/queue/${eventId}/join`), await call('POST', `/api/queue/${eventId}/join`)];
    const member = (await call('POST', '/api/auth/guest')).body.idToken as string;
    for (const joined of [...guests, await call('POST', `/api/queue/${eventId}/join`, { token: member })]) {
      const { queueToken, seq, status, position, etaSeconds, refreshAfterMs } = joinResponseSchema.parse(joined.body);
      const polled = await call('GET', `/api/queue/${eventId}/status`, { token: queueToken });
      expect({ seq, status, position, etaSeconds, refreshAfterMs }).toEqual({ ...polled.body, seq });
    }
    expect(guests[1]!.body).toMatchObject({ status: 'waiting', position: 2, etaSeconds: 2 });
    origin.clock.advance(2_000);
    const ready = await call('POST', `/api/queue/${eventId}/join`, { token: guests[0]!.body.identity.idToken });
    expect(ready.body).toMatchObject({ status: 'ready', position: 0, etaSeconds: 0, refreshAfterMs: 1_000 });
  });

  it('registers a token-less arrival in the pre-queue, without a place yet', async () => {
    const startsAt = origin.clock.now() + 5 * 60_000;
    const eventId = await createEvent({ startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 10 });
    const joined = await call('POST', `/api/queue/${eventId}/join`);
    expect(joined.status).toBe(201);
    expect(joinResponseSchema.parse(joined.body)).toMatchObject({ seq: null, status: 'prequeue', position: null, etaSeconds: null, identity: { kind: 'guest' } });
    expect((await footprint(eventId)).prequeued).toBe(1);
  });

  it('keeps members-only events for members, minting nothing', async () => {
    const eventId = await createEvent({ guestsAllowed: false });
    await expectRefusedWithoutTrace(eventId, 403, 'members_only');
  });

  it('mints nothing for an event that has not opened, is closed or is sold out', async () => {
    const hour = 3_600_000;
    const later = await createEvent({ startsAt: new Date(origin.clock.now() + hour).toISOString(), endsAt: new Date(origin.clock.now() + 2 * hour).toISOString(), prequeueMinutes: 10 });
    await expectRefusedWithoutTrace(later, 409, 'not_started');

    const closed = await createEvent();
    await call('PATCH', `/api/admin/events/${closed}`, { ...admin, body: { closed: true } });
    await call('POST', `/api/queue/${closed}/join`, { token: (await call('POST', '/api/auth/guest')).body.idToken });
    await expectRefusedWithoutTrace(closed, 409, 'event_closed');

    const soldOut = await createEvent({ items: [{ id: 'only', label: 'Only', capacity: 1, perUserLimit: 1 }] });
    const buyer = await call('POST', `/api/queue/${soldOut}/join`);
    origin.clock.advance(200);
    const pass = await call('POST', `/api/queue/${soldOut}/admit`, { token: buyer.body.queueToken });
    const booked = await call('POST', `/api/events/${soldOut}/bookings`, { token: pass.body.accessToken, headers: { 'idempotency-key': 'guest-join-key-1' }, body: { itemId: 'only' } });
    expect(booked.status).toBe(201);
    await call('POST', `/api/queue/${soldOut}/join`, { token: buyer.body.identity.idToken });
    await expectRefusedWithoutTrace(soldOut, 409, 'sold_out');

    expect((await call('POST', '/api/queue/no-such-event/join')).body.code).toBe('event_not_found');
  });

  it('verifies any credentials that are sent, and takes CloudFront\'s signature for none', async () => {
    const eventId = await createEvent();
    for (const authorization of ['Bearer abc.def.ghi', 'Basic dXNlcjpwdw==']) {
      const refused = await call('POST', `/api/queue/${eventId}/join`, { headers: { authorization } });
      expect([refused.status, refused.body.code]).toEqual([401, 'invalid_token']);
    }
    const sigV4 = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/ap-northeast-2/lambda/aws4_request, SignedHeaders=host, Signature=abc';
    const viaCloudFront = await call('POST', `/api/queue/${eventId}/join`, { headers: { authorization: sigV4 } });
    expect([viaCloudFront.status, viaCloudFront.body.identity?.kind]).toEqual([201, 'guest']);
    expect((await footprint(eventId)).tailSeq).toBe(1);
  });
});
