import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../core/index.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestEdge } from './test-support/create-test-edge.js';

describe('the edge limits logins per client IP', () => {
  it('refuses the eleventh login of a minute from one IP with 429 and Retry-After, before the origin', async () => {
    const clock = createFakeClock(Date.parse('2026-12-05T01:00:00Z'));
    const origin = { request: () => Response.json({ type: 't', title: 'x', status: 401, code: 'invalid_credentials' }, { status: 401 }) };
    const edge = createTestEdge(origin, clock, { loginPerMinute: 10 });
    const login = (ip: string) => callApp(edge.app, 'POST', '/api/auth/login', { headers: { 'x-test-ip': ip }, body: { username: 'user1', password: 'guess' } });
    for (let i = 0; i < 10; i += 1) expect((await login('198.51.100.7')).status).toBe(401);
    const refused = await login('198.51.100.7');
    expect([refused.status, refused.body.code, Number(refused.headers.get('retry-after')) > 0]).toEqual([429, 'rate_limited', true]);
    expect((await login('198.51.100.8')).status).toBe(401);
    expect(edge.originRequests.filter((request) => request.startsWith('POST /api/auth/login'))).toHaveLength(11);
    clock.advance(60_000);
    expect((await login('198.51.100.7')).status).toBe(401);
  });
});
