import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

// What the origin receives behind CloudFront OAC: Authorization is CloudFront's SigV4 signature,
// the viewer's token travels in x-forwarded-authorization (edge/entry/cloudfront-handback.ts).
const SIGV4 = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/ap-northeast-2/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123';

let dynamo: TestDynamo;
let origin: TestOrigin;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
});

const me = (headers: Record<string, string>) => callApp(origin.app, 'GET', '/api/me/bookings', { headers });

describe('the bearer token behind CloudFront OAC', () => {
  it('is read from x-forwarded-authorization when Authorization holds an AWS signature, or is absent', async () => {
    const guest = await callApp(origin.app, 'POST', '/api/auth/guest');
    const forwarded = `Bearer ${guest.body.idToken}`;
    expect((await me({ authorization: SIGV4, 'x-forwarded-authorization': forwarded })).status).toBe(200);
    expect((await me({ 'x-forwarded-authorization': forwarded })).status).toBe(200);
    // Past the operator check, the empty body is what gets refused.
    const admin = await callApp(origin.app, 'POST', '/api/admin/events', { body: {}, headers: { authorization: SIGV4, 'x-forwarded-authorization': `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(admin).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  });

  it('never lets the forwarded copy override a bearer Authorization, and a signature alone is refused', async () => {
    const guest = await callApp(origin.app, 'POST', '/api/auth/guest');
    const refused = await me({ authorization: 'Bearer not-a-token', 'x-forwarded-authorization': `Bearer ${guest.body.idToken}` });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const signatureOnly = await me({ authorization: SIGV4 });
    expect(signatureOnly).toMatchObject({ status: 401, body: { code: 'invalid_token' } });
    expect((await me({})).body.code).toBe('unauthorized');
  });
});
