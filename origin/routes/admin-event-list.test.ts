import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
const admin = { token: TEST_ADMIN_TOKEN };
const HOUR = 3_600_000;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
});

const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
const at = (offsetMs: number) => new Date(origin.clock.now() + offsetMs).toISOString();
const ids = (body: { events: { id: string }[] }) => body.events.map((event) => event.id);

async function createDrop(id: string, startOffsetMs: number, overrides: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id, startsAt: at(startOffsetMs), endsAt: at(startOffsetMs + 2 * HOUR), ...overrides }) });
  expect(created.status).toBe(201);
}

/** Every page from the first, following nextCursor. */
async function walk(query: string) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/api/admin/events?${query}${cursor ? `&cursor=${cursor}` : ''}`, admin);
    expect(page.status).toBe(200);
    pages.push(ids(page.body));
    cursor = page.body.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

/** Listed (open and scheduled), hidden, closed, and closed then set aside by the reconciler: every gsi1 partition. */
async function seedDrops() {
  await createDrop('d-open', -HOUR / 2);
  await createDrop('d-later', 3 * HOUR);
  await createDrop('d-later-b', 3 * HOUR);
  await createDrop('d-hidden', 5 * HOUR, { hidden: true });
  await createDrop('d-closed', -HOUR / 4);
  expect((await call('PATCH', '/api/admin/events/d-closed', { ...admin, body: { closed: true } })).status).toBe(200);
  await createDrop('d-settled', -HOUR);
  await call('PATCH', '/api/admin/events/d-settled', { ...admin, body: { closed: true } });
  const settled = (await origin.deps.ledger.getEvent('d-settled'))!;
  expect(await origin.deps.ledger.watchClosedEvent('d-settled', settled.version, 1)).toBe(true);
  expect(await origin.deps.ledger.settleEvent('d-settled', settled.version, 1)).toBe(true);
  await createDrop('d-oldest', -1.5 * HOUR, { endsAt: at(-HOUR / 2) });
}
const NEWEST_FIRST = ['d-hidden', 'd-later-b', 'd-later', 'd-closed', 'd-open', 'd-settled', 'd-oldest'];

describe('GET /api/admin/events', () => {
  it('lists every drop newest start first across pages, with no gap and no repeat', async () => {
    await seedDrops();
    const pages = await walk('limit=3');
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(NEWEST_FIRST);
    const whole = await call('GET', '/api/admin/events?limit=50', admin);
    expect(ids(whole.body)).toEqual(NEWEST_FIRST);
    expect(whole.body.nextCursor).toBeUndefined();
    expect(whole.headers.get('cache-control')).toBe('no-store');
    const statuses = Object.fromEntries(whole.body.events.map((event: { id: string; status: string }) => [event.id, event.status]));
    expect(statuses).toEqual({ 'd-hidden': 'scheduled', 'd-later-b': 'scheduled', 'd-later': 'scheduled', 'd-closed': 'closed', 'd-open': 'open', 'd-settled': 'closed', 'd-oldest': 'closed' });
  });

  it('keeps its place when a drop changes status between pages', async () => {
    await seedDrops();
    const first = await call('GET', '/api/admin/events?limit=2', admin);
    expect(ids(first.body)).toEqual(['d-hidden', 'd-later-b']);
    // d-open moves to another index partition; its position in the list stays.
    await call('PATCH', '/api/admin/events/d-open', { ...admin, body: { closed: true } });
    await call('PATCH', '/api/admin/events/d-hidden', { ...admin, body: { hidden: false } });
    const rest: string[] = [];
    let cursor: string | undefined = first.body.nextCursor;
    while (cursor) {
      const page = await call('GET', `/api/admin/events?limit=2&cursor=${cursor}`, admin);
      rest.push(...ids(page.body));
      cursor = page.body.nextCursor;
    }
    expect([...ids(first.body), ...rest]).toEqual(NEWEST_FIRST);
  });

  it('filters by status, closed drops included, in pages of the same order', async () => {
    await seedDrops();
    expect((await walk('status=closed&limit=2')).flat()).toEqual(['d-closed', 'd-settled', 'd-oldest']);
    expect((await walk('status=scheduled')).flat()).toEqual(['d-hidden', 'd-later-b', 'd-later']);
    expect((await walk('status=open')).flat()).toEqual(['d-open']);
    expect((await walk('status=paused')).flat()).toEqual([]);
    await call('PATCH', '/api/admin/events/d-open', { ...admin, body: { paused: true } });
    expect((await walk('status=paused')).flat()).toEqual(['d-open']);
  });

  it("gives each drop the stats route's figures and the event JSON's items", async () => {
    await createDrop('d-busy', -HOUR / 2);
    await createDrop('d-quiet', -HOUR / 3);
    const guest = await call('POST', '/api/auth/guest');
    const joined = await call('POST', '/api/queue/d-busy/join', { token: guest.body.idToken });
    origin.clock.advance(200);
    const admit = await call('POST', '/api/queue/d-busy/admit', { token: joined.body.queueToken });
    const booked = await call('POST', '/api/events/d-busy/bookings', { token: admit.body.accessToken, headers: { 'idempotency-key': 'list-key-0001' }, body: { itemId: 'slot-b', quantity: 2 } });
    expect(booked.status).toBe(201);
    await call('POST', '/api/queue/d-busy/join', { token: (await call('POST', '/api/auth/guest')).body.idToken });

    const list = await call('GET', '/api/admin/events', admin);
    expect(ids(list.body)).toEqual(['d-quiet', 'd-busy']);
    for (const listed of list.body.events) {
      const stats = await call('GET', `/api/admin/events/${listed.id}/stats`, admin);
      const { eventId: _id, items: _items, status, ...figures } = stats.body;
      expect(listed.stats).toEqual(figures);
      expect(listed.status).toBe(status);
      const { stats: _stats, ...view } = listed;
      expect(view).toEqual((await call('GET', `/api/events/${listed.id}`)).body);
    }
    const busy = list.body.events[1];
    expect(busy.stats).toMatchObject({ tailSeq: 2, admitted: 1, booked: 2, remaining: 5 });
    expect(busy.items.find((item: { id: string }) => item.id === 'slot-b').remaining).toBe(3);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not%20a%20cursor', 'cursor'],
    ['cursor=bm9wZQ', 'cursor'],
    [`cursor=${'A'.repeat(201)}`, 'cursor'],
    ['status=sold-out', 'status'],
    ['status=', 'status'],
  ])('refuses %s naming %s, and changes nothing', async (query, field) => {
    await seedDrops();
    const before = await call('GET', '/api/admin/events?limit=50', admin);
    const refused = await call('GET', `/api/admin/events?${query}`, admin);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.fields.map((entry: { path: string }) => entry.path)).toEqual([field]);
    expect(await call('GET', '/api/admin/events?limit=50', admin)).toMatchObject({ status: 200, body: before.body });
  });

  it('answers 401 without the operator token', async () => {
    await createDrop('d-open', -HOUR / 2);
    const bare = await call('GET', '/api/admin/events');
    expect(bare.status).toBe(401);
    expect(bare.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', '/api/admin/events?limit=1', { token: 'not-the-operator-token' })).status).toBe(401);
    expect((await call('GET', '/api/admin/events?limit=1', admin)).status).toBe(200);
  });
});
