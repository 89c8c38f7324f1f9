import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { createFaultyDynamoClient, failOnce, SimulatedCrash, type DynamoFault } from '../test-support/faulty-dynamo-client.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { orderRegistrants } from './registrant-draw.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** An event in its pre-queue with `count` registered guests; the clock stays before the start. */
async function registered(origin: TestOrigin, count: number) {
  const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
  const startsAt = origin.clock.now() + 60_000;
  const body = openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 5 });
  const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
  const visitors: { userId: string; idToken: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const guest = (await call('POST', '/api/auth/guest')).body;
    expect((await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken })).body.status).toBe('prequeue');
    visitors.push({ userId: guest.userId, idToken: guest.idToken });
  }
  const seqOf = async (visitor: { idToken: string }) => (await call('POST', `/api/queue/${eventId}/join`, { token: visitor.idToken })).body.seq as number;
  const fairness = async () => (await call('GET', `/api/events/${eventId}/fairness`)).body;
  return { eventId, startsAt, visitors, seqOf, fairness };
}

/** The places the published evidence gives, by hashed id (docs/fairness.md). */
function publishedOrder(report: { drawSeed: string; registrants: { ids: string[] } }): string[] {
  const rank = (id: string) => sha256(`${report.drawSeed}:${id}`);
  return [...report.registrants.ids].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
}

describe('the registrant list decides the draw', () => {
  it('keeps the list before any place is given: a drawer that dies writing it leaves the draw to the next one', async () => {
    const hook: { fault?: DynamoFault } = {};
    const origin = await createTestOrigin({ ...dynamo, client: createFaultyDynamoClient(dynamo.endpoint, hook) });
    const { eventId, startsAt, visitors, seqOf, fairness } = await registered(origin, 6);
    origin.clock.set(startsAt);
    hook.fault = failOnce('PutItemCommand', '"REGISTRANTS"', () => {
      throw new SimulatedCrash('before the registrant list head');
    });
    await expect(origin.events.tick(await origin.events.find(eventId))).rejects.toThrow(SimulatedCrash);
    expect((await fairness()).state).toBe('drawing');
    expect((await callApp(origin.app, 'GET', `/api/events/${eventId}`)).body.status).toBe('drawing');

    await origin.events.tick(await origin.events.find(eventId));
    const report = await fairness();
    expect(report.registrants.count).toBe(6);
    const order = publishedOrder(report);
    for (const visitor of visitors) expect(await seqOf(visitor)).toBe(order.indexOf(sha256(`${eventId}:${visitor.userId}`)) + 1);
  });

  it('writes the list once when a crowd of rejoins finds the draw due on one instance', async () => {
    const listWrites: string[] = [];
    const hook: { fault?: DynamoFault } = {
      fault: (command, input) => void (command === 'PutItemCommand' && input.includes('REGISTRANTS') && listWrites.push(input)),
    };
    const origin = await createTestOrigin({ ...dynamo, client: createFaultyDynamoClient(dynamo.endpoint, hook) });
    const { startsAt, visitors, seqOf } = await registered(origin, 4);
    origin.clock.set(startsAt);
    const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => seqOf(visitors[i % 4]!)));
    expect(new Set(seqs)).toEqual(new Set([1, 2, 3, 4]));
    expect(listWrites).toHaveLength(2); // one part, one head
  });

  it('draws the list already recorded, even if the store holds one more registrant', async () => {
    const origin = await createTestOrigin(dynamo);
    const { eventId, startsAt, visitors, seqOf, fairness } = await registered(origin, 5);
    // A drawer recorded the list without the last registrant (who raced the start), then died.
    const record = await origin.events.find(eventId);
    const recorded = await orderRegistrants(origin.deps.ledger, record, visitors.slice(0, 4).map((visitor) => visitor.userId));
    expect(recorded).toHaveLength(4);

    origin.clock.set(startsAt);
    await origin.events.tick(record);
    const report = await fairness();
    expect(report.registrants.count).toBe(4);
    const order = publishedOrder(report);
    expect(order.map((id) => visitors.find((visitor) => sha256(`${eventId}:${visitor.userId}`) === id)!.userId)).toEqual(recorded);
    for (const visitor of visitors.slice(0, 4)) expect(await seqOf(visitor)).toBe(recorded.indexOf(visitor.userId) + 1);
    expect(await seqOf(visitors[4]!)).toBe(5); // left out of the draw: the next first-come place
  });
});
