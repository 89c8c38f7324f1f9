import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApp, type CallResult } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

// Written from docs/fairness.md alone, on purpose not calling origin/admission/fairness.ts.
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

async function prequeueEvent(origin: TestOrigin, call: (method: string, path: string, options?: object) => Promise<CallResult>) {
  const startsAt = origin.clock.now() + 10 * 60_000;
  const created = await call('POST', '/api/admin/events', {
    token: TEST_ADMIN_TOKEN,
    body: openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 30 }),
  });
  expect(created.status).toBe(201);
  return { eventId: created.body.id as string, startsAt };
}

describe('the pre-queue draw, verified from the outside', () => {
  it('shuffles registrants into 1..N by a seed mixing the committed secret with the published list', async () => {
    const origin = await createTestOrigin(dynamo);
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const { eventId, startsAt } = await prequeueEvent(origin, call);

    const before = (await call('GET', `/api/events/${eventId}`)).body;
    expect(before.status).toBe('prequeue');
    expect(before.fairness.seedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(before.fairness).not.toHaveProperty('seed');
    const committed = await call('GET', `/api/events/${eventId}/fairness`);
    expect(committed.body).toEqual({ eventId, state: 'committed', seedSha256: before.fairness.seedSha256 });
    expect(committed.headers.get('cache-control')).toContain('s-maxage=1');

    const visitors: { userId: string; idToken: string }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const guest = (await call('POST', '/api/auth/guest')).body;
      const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken });
      expect(joined.status).toBe(201);
      expect(joined.body).toMatchObject({ seq: null, status: 'prequeue' });
      visitors.push({ userId: guest.userId, idToken: guest.idToken });
      origin.clock.advance(1_000);
    }
    const again = await call('POST', `/api/queue/${eventId}/join`, { token: visitors[0]!.idToken });
    expect(again.status).toBe(200);
    expect(again.body.seq).toBeNull();

    origin.clock.set(startsAt + 1);
    const drawing = (await call('GET', `/api/events/${eventId}/fairness`)).body;
    expect(drawing).toMatchObject({ state: 'drawing', seed: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(drawing).not.toHaveProperty('registrants');
    await origin.events.tick(await origin.events.find(eventId)); // the timer's tick runs the draw

    const after = (await call('GET', `/api/events/${eventId}`)).body;
    const published = await call('GET', `/api/events/${eventId}/fairness`);
    const { seed, registrants, drawSeed } = published.body;
    expect([published.body.state, after.fairness.seed, published.body.seedSha256]).toEqual(['drawn', seed, before.fairness.seedSha256]);
    expect(sha256(seed)).toBe(before.fairness.seedSha256);
    expect(published.headers.get('cache-control')).toContain('immutable');

    const hashedIds = visitors.map(({ userId }) => sha256(`${eventId}:${userId}`));
    expect(registrants).toEqual({ count: 30, sha256: sha256([...hashedIds].sort().join('\n')), parts: 1, part: 0, ids: [...hashedIds].sort() });
    expect(JSON.stringify(published.body)).not.toContain(visitors[0]!.userId); // no personal id is published
    expect(drawSeed).toBe(sha256(`${seed}:${registrants.sha256}`));
    expect(drawSeed).not.toBe(seed);

    const order = [...hashedIds].sort((a, b) => (sha256(`${drawSeed}:${a}`) < sha256(`${drawSeed}:${b}`) ? -1 : 1));
    expect(order).not.toEqual(hashedIds); // a real shuffle, not registration order
    const bySecretAlone = [...hashedIds].sort((a, b) => (sha256(`${seed}:${a}`) < sha256(`${seed}:${b}`) ? -1 : 1));
    expect(order).not.toEqual(bySecretAlone); // the list takes part in the seed
    for (const visitor of visitors) {
      const rejoined = await call('POST', `/api/queue/${eventId}/join`, { token: visitor.idToken });
      expect(rejoined.status).toBe(200);
      expect(rejoined.body.seq).toBe(order.indexOf(sha256(`${eventId}:${visitor.userId}`)) + 1);
    }
    const late = (await call('POST', '/api/auth/guest')).body;
    expect((await call('POST', `/api/queue/${eventId}/join`, { token: late.idToken })).body.seq).toBe(visitors.length + 1);
    expect((await call('GET', `/api/events/${eventId}/fairness`)).body.registrants.count).toBe(30); // latecomers are not registrants
  });

  it('answers bad requests with problem+json and changes nothing', async () => {
    const origin = await createTestOrigin(dynamo);
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const { eventId, startsAt } = await prequeueEvent(origin, call);
    const problem = async (path: string) => {
      const answer = await call('GET', path);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      return [answer.status, answer.body.code];
    };
    expect(await problem('/api/events/no-such-event/fairness')).toEqual([404, 'event_not_found']);
    expect(await problem(`/api/events/${eventId}/fairness?part=1`)).toEqual([404, 'not_found']);
    expect(await problem(`/api/events/${eventId}/fairness?part=x`)).toEqual([400, 'validation_failed']);
    expect(await problem(`/api/events/${eventId}/fairness?part=-1`)).toEqual([400, 'validation_failed']);

    origin.clock.set(startsAt + 1); // nobody registered: nothing to draw, an empty list
    const empty = (await call('GET', `/api/events/${eventId}/fairness`)).body;
    expect(empty).toMatchObject({ state: 'drawn', registrants: { count: 0, sha256: sha256(''), parts: 1, part: 0, ids: [] } });
    expect(await problem(`/api/events/${eventId}/fairness?part=1`)).toEqual([404, 'not_found']);
    expect(await origin.deps.ledger.getRegistrants(eventId, 0)).toBeUndefined();
  });
});
