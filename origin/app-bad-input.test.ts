import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callApp, type CallResult } from './test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from './test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from './test-support/start-dynalite.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let eventId: string;
let idToken: string;
let queueToken: string;
let accessToken: string;
const admin = { token: TEST_ADMIN_TOKEN };

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());

const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);

beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  eventId = (await call('POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'drop-1' }) })).body.id;
  idToken = (await call('POST', '/api/auth/guest')).body.idToken;
  queueToken = (await call('POST', `/api/queue/${eventId}/join`, { token: idToken })).body.queueToken;
  origin.clock.advance(200);
  accessToken = (await call('POST', `/api/queue/${eventId}/admit`, { token: queueToken })).body.accessToken;
});

function expectProblem(result: CallResult, status: number, code: string) {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.headers.get('content-type')).toContain('application/problem+json');
}

const book = (body: unknown, options: Record<string, unknown> = {}) =>
  call('POST', `/api/events/${eventId}/bookings`, { token: accessToken, headers: { 'idempotency-key': 'bad-input-key-1' }, body, ...options });

describe('origin: bad input gets 4xx problem+json and changes nothing', () => {
  it.each([
    ['unknown event', 'GET', '/api/events/nope', {}, 404, 'event_not_found'],
    ['unknown event state', 'GET', '/api/queue/nope/state', {}, 404, 'event_not_found'],
    ['unknown channel', 'GET', '/api/channels/nope', {}, 404, 'channel_not_found'],
    ['unknown route', 'GET', '/api/nothing-here', {}, 404, 'not_found'],
    ['join without token, unknown event', 'POST', '/api/queue/nope/join', {}, 404, 'event_not_found'],
    ['join with garbage token', 'POST', '/api/queue/drop-1/join', { token: 'abc.def.ghi' }, 401, 'invalid_token'],
    ['admin without token', 'GET', '/api/admin/events/drop-1/stats', {}, 401, 'unauthorized'],
    ['admin with wrong token', 'GET', '/api/admin/events/drop-1/stats', { token: 'not-the-admin-token' }, 401, 'invalid_token'],
    ['login with missing fields', 'POST', '/api/auth/login', { body: {} }, 400, 'validation_failed'],
    ['login with malformed JSON', 'POST', '/api/auth/login', { rawBody: '{"username":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
  ])('%s', async (_name, method, path, options, status, code) => {
    expectProblem(await call(method, path, options), status, code);
  });

  it('answers 404 to ids no event, channel or booking can have, before any store is asked', async () => {
    const long = 'x'.repeat(2_100);
    const stores = { ledger: vi.spyOn(origin.deps.ledger, 'getEvent'), queue: vi.spyOn(origin.deps.queue, 'join') };
    for (const [method, path, code] of [
      ['GET', `/api/events/${long}`, 'event_not_found'],
      ['GET', `/api/queue/${long}/state`, 'event_not_found'],
      ['POST', `/api/queue/${long}/join`, 'event_not_found'],
      ['GET', `/api/channels/${'c'.repeat(65)}`, 'channel_not_found'],
      ['DELETE', `/api/bookings/${long}`, 'booking_not_found'],
      ['GET', '/api/events/%00', 'event_not_found'],
      ['GET', `/api/admin/events/${long}/stats`, 'event_not_found'],
      ['GET', `/api/${long}`, 'not_found'],
    ] as const) {
      expectProblem(await call(method, path, { token: idToken }), 404, code);
    }
    expect([stores.ledger.mock.calls.length, stores.queue.mock.calls.length]).toEqual([0, 0]);
  });

  it('refuses wrong token kinds and other events', async () => {
    expectProblem(await call('POST', `/api/queue/${eventId}/join`, { token: queueToken }), 403, 'wrong_token_type');
    expectProblem(await book({ itemId: 'slot-a' }, { token: queueToken }), 403, 'wrong_token_type');
    await call('POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'drop-2' }) });
    expectProblem(await call('POST', '/api/events/drop-2/bookings', { token: accessToken, headers: { 'idempotency-key': 'bad-input-key-2' }, body: { itemId: 'slot-a' } }), 403, 'wrong_event');
    expectProblem(await call('GET', '/api/queue/drop-2/status', { token: queueToken }), 403, 'wrong_event');
  });

  it('refuses expired tokens', async () => {
    origin.clock.advance(601_000 + 10_000);
    expectProblem(await book({ itemId: 'slot-a' }), 401, 'invalid_token');
  });

  it('validates booking requests and changes no inventory', async () => {
    expectProblem(await book({ itemId: 'nope' }), 404, 'item_not_found');
    expectProblem(await book({ itemId: 'slot-a', quantity: 0 }), 400, 'validation_failed');
    expectProblem(await book({ itemId: 'slot-a', quantity: 1.5 }), 400, 'validation_failed');
    expectProblem(await book({ itemId: 'slot-a', quantity: 2 }), 400, 'validation_failed');
    expectProblem(await book({ itemId: 'slot-a', extra: true }), 400, 'validation_failed');
    expectProblem(await book(undefined, { rawBody: '{"itemId":', headers: { 'content-type': 'application/json', 'idempotency-key': 'bad-input-key-3' } }), 400, 'invalid_json');
    expectProblem(await call('POST', `/api/events/${eventId}/bookings`, { token: accessToken, body: { itemId: 'slot-a' } }), 400, 'missing_idempotency_key');
    expectProblem(await book({ itemId: 'slot-a' }, { headers: { 'idempotency-key': 'x' } }), 400, 'validation_failed');
    expectProblem(await book(undefined, { rawBody: JSON.stringify({ itemId: 'slot-a', pad: 'x'.repeat(20_000) }) }), 413, 'payload_too_large');
    const stats = await call('GET', `/api/admin/events/${eventId}/stats`, admin);
    expect(stats.body.booked).toBe(0);
    expect((await call('GET', '/api/me/bookings', { token: idToken })).body.bookings).toEqual([]);
  });

  it('says 422 when an idempotency key is reused for another request', async () => {
    expect((await book({ itemId: 'slot-b' })).status).toBe(201);
    expectProblem(await book({ itemId: 'slot-b', quantity: 2 }), 422, 'idempotency_mismatch');
  });

  it('hides other people\'s bookings from cancel', async () => {
    const booking = (await book({ itemId: 'slot-a' })).body.booking;
    const stranger = (await call('POST', '/api/auth/guest')).body.idToken;
    expectProblem(await call('DELETE', `/api/bookings/${booking.id}`, { token: stranger }), 404, 'booking_not_found');
    expectProblem(await call('DELETE', '/api/bookings/does-not-exist', { token: stranger }), 404, 'booking_not_found');
    expectProblem(await call('DELETE', '/api/bookings/%00bad', { token: stranger }), 404, 'booking_not_found');
    expect((await call('GET', `/api/admin/events/${eventId}/stats`, admin)).body.booked).toBe(1);
  });

  it('lists every invalid admin field at once', async () => {
    const result = await call('POST', '/api/admin/events', {
      ...admin,
      body: { title: '', kind: 'concert', startsAt: 'soon', admission: { newUsersPerMinute: 0, maxActiveUsers: 1, sessionSeconds: 1 }, items: [] },
    });
    expectProblem(result, 400, 'validation_failed');
    const paths = (result.body.fields as { path: string }[]).map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'kind', 'startsAt', 'admission.newUsersPerMinute', 'admission.sessionSeconds', 'items']));
    expectProblem(await call('PATCH', `/api/admin/events/${eventId}`, { ...admin, body: { newUsersPerMinute: -1, maxActiveUsers: 'lots' } }), 400, 'validation_failed');
    expectProblem(await call('PATCH', '/api/admin/events/unknown', { ...admin, body: { paused: true } }), 404, 'event_not_found');
    expectProblem(await call('POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'drop-1' }) }), 409, 'event_exists');
  });

  it('pauses and closes through the operator API', async () => {
    const paused = await call('PATCH', `/api/admin/events/${eventId}`, { ...admin, body: { paused: true } });
    expect(paused.body.status).toBe('paused');
    await call('PATCH', `/api/admin/events/${eventId}`, { ...admin, body: { closed: true } });
    const guest = (await call('POST', '/api/auth/guest')).body.idToken;
    expectProblem(await call('POST', `/api/queue/${eventId}/join`, { token: guest }), 409, 'event_closed');
    expectProblem(await book({ itemId: 'slot-a' }), 409, 'event_closed');
  });
});
