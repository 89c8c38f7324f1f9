import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAdmissionQueue } from '../admission/redis-admission-queue.js';
import { REGISTRANT_PART_SIZE } from '../ledger/dynamo-registrant-list.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

/** The very file docs/fairness.md tells visitors to run. */
const SCRIPT = fileURLToPath(new URL('../../docs/verify-draw.mjs', import.meta.url));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, server }));
  });
}
const close = (server: ServerType) => new Promise((done) => server.close(done));

function verify(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, url, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** "<place> <hashed id>" lines of the script's output, as hashed id → place. */
const placesIn = (stdout: string) =>
  new Map([...stdout.matchAll(/^(\d+) ([0-9a-f]{64})$/gm)].map(([, place, id]) => [id!, Number(place)]));

describe.runIf(redisServerAvailable())('docs/verify-draw.mjs against a running origin', { timeout: 120_000 }, () => {
  const fixture = useRedisServer();

  it('recomputes, from public answers only, the places the visitors got', async () => {
    const queue = createRedisAdmissionQueue(fixture().redis, { prefix: 'verify' });
    const origin = await createTestOrigin(dynamo, { queue });
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const startsAt = origin.clock.now() + 60_000;
    const body = openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 5 });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    const { url, server } = await listen(origin.app.fetch);
    try {
      expect(await verify(url, eventId)).toMatchObject({ code: 3, stderr: expect.stringContaining('the draw is committed') });

      const visitors: { userId: string; idToken: string }[] = [];
      for (let i = 0; i < 3; i += 1) {
        const guest = (await call('POST', '/api/auth/guest')).body;
        expect((await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken })).body.status).toBe('prequeue');
        visitors.push({ userId: guest.userId, idToken: guest.idToken });
      }
      // A crowd big enough for the list to come in two parts, registered straight in the store.
      const crowd = Array.from({ length: REGISTRANT_PART_SIZE + 200 }, (_, i) => `guest_crowd${i}`);
      await Promise.all(crowd.map((userId) => queue.join(eventId, userId, origin.clock.now())));

      origin.clock.set(startsAt + 1);
      await origin.events.tick(await origin.events.find(eventId));
      const seqs = new Map<string, number>();
      for (const visitor of visitors) seqs.set(visitor.userId, (await call('POST', `/api/queue/${eventId}/join`, { token: visitor.idToken })).body.seq);
      const rejoins = await Promise.all(crowd.map((userId) => queue.join(eventId, userId, origin.clock.now())));
      rejoins.forEach((rejoin, i) => seqs.set(crowd[i]!, rejoin.kind === 'placed' ? rejoin.seq : NaN));

      const run = await verify(url, eventId, visitors[1]!.userId);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const places = placesIn(run.stdout);
      expect(places.size).toBe(seqs.size);
      for (const [userId, seq] of seqs) expect(places.get(sha256(`${eventId}:${userId}`)), userId).toBe(seq);
      expect(run.stdout).toContain(`place ${seqs.get(visitors[1]!.userId)} of ${seqs.size}`);
    } finally {
      await close(server);
    }
  });

  it('refuses a report whose list was changed after the draw', async () => {
    const queue = createRedisAdmissionQueue(fixture().redis, { prefix: 'tamper' });
    const origin = await createTestOrigin(dynamo, { queue });
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const startsAt = origin.clock.now() + 60_000;
    const body = openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 5 });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    await Promise.all(['a', 'b', 'c'].map((name) => queue.join(eventId, `guest_${name}`, origin.clock.now())));
    origin.clock.set(startsAt + 1);
    await origin.events.tick(await origin.events.find(eventId));

    // A front that swaps one registrant for an outsider, as a dishonest operator would.
    const outsider = sha256(`${eventId}:guest_outsider`);
    const { url, server } = await listen(async (request) => {
      const answer = await origin.app.fetch(request);
      if (!new URL(request.url).pathname.endsWith('/fairness')) return answer;
      const report = await answer.json();
      report.registrants.ids = [...report.registrants.ids.slice(1), outsider].sort();
      return Response.json(report);
    });
    try {
      const run = await verify(url, eventId);
      expect([run.code, run.stderr.trim()]).toEqual([1, 'NOT VERIFIED: the list does not match its published SHA-256']);
      expect(placesIn(run.stdout).size).toBe(0);
    } finally {
      await close(server);
    }
  });
});
