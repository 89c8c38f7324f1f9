import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApp } from './test-support/call-app.js';
import { createTestOrigin } from './test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from './test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

describe('logins run scrypt two at a time, with a bounded queue', () => {
  it('answers a burst of 10 logins with a queue of 4: 6 checked (401), the 4 past it refused 429 at once', async () => {
    const origin = await createTestOrigin(dynamo, { settings: { loginQueue: 4 } });
    // Unknown names are checked against a decoy hash at full cost (N=2^17): slow enough that the
    // whole burst arrives while the first two run.
    const login = (i: number) => callApp(origin.app, 'POST', '/api/auth/login', { body: { username: `nobody${i}`, password: 'guess-it' } });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(i).then((answer) => ({ ...answer, at: performance.now() - started }))));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(6);
    expect(refused.map((answer) => [answer.body.code, answer.headers.get('retry-after')])).toEqual(Array(4).fill(['rate_limited', '2']));
    // Refused at once: before any checked login came back.
    const firstChecked = Math.min(...answers.filter((answer) => answer.status === 401).map((answer) => answer.at));
    expect(Math.max(...refused.map((answer) => answer.at))).toBeLessThan(firstChecked);
  }, 30_000);
});
