import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

// Written from docs/fairness.md alone, on purpose not calling origin/admission/fairness.ts.
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe('the pre-queue draw, verified from the outside', () => {
  it('shuffles registrants into 1..N by the committed seed, and anyone can recompute the order', async () => {
    const origin = await createTestOrigin(dynamo);
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const startsAt = origin.clock.now() + 10 * 60_000;
    const created = await call('POST', '/api/admin/events', {
      token: TEST_ADMIN_TOKEN,
      body: openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 30 }),
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;

    const before = (await call('GET', `/api/events/${eventId}`)).body;
    expect(before.status).toBe('prequeue');
    expect(before.fairness.seedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(before.fairness).not.toHaveProperty('seed');

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
    const after = (await call('GET', `/api/events/${eventId}`)).body;
    const seed = after.fairness.seed as string;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(seed)).toBe(before.fairness.seedSha256);
    expect(after.fairness.seedSha256).toBe(before.fairness.seedSha256);

    const expected = visitors
      .map(({ userId }) => ({ userId, rank: sha256(`${seed}:${userId}`) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : 1))
      .map(({ userId }) => userId);
    expect(expected).not.toEqual(visitors.map(({ userId }) => userId)); // a real shuffle, not registration order
    for (const visitor of visitors) {
      const rejoined = await call('POST', `/api/queue/${eventId}/join`, { token: visitor.idToken });
      expect(rejoined.status).toBe(200);
      expect(rejoined.body.seq).toBe(expected.indexOf(visitor.userId) + 1);
    }
    const late = (await call('POST', '/api/auth/guest')).body;
    expect((await call('POST', `/api/queue/${eventId}/join`, { token: late.idToken })).body.seq).toBe(visitors.length + 1);
  });
});
