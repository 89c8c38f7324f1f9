import { serve, type ServerType } from '@hono/node-server';
import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdge, buildEdgeSync, type LambdaEdgeBundle } from '../../../tools/build-edge.js';
import type { OriginRequestHandler } from '../../entry/cloudfront-origin-request.js';
import { runEdgeScenarios, serveTestOrigin, type Send, type Sent, type ServedOrigin } from '../edge-scenarios.js';

const eventId = 'drop-lambda-edge';
/** A second event for the cases below, so the shared scenario meets a fresh line. */
const otherEventId = 'drop-lambda-edge-cases';
const CLIENT_IP = '203.0.113.178';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256 = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

let origin: ServedOrigin;
let distribution: { url: string; server: ServerType };
let bundle: LambdaEdgeBundle;
let handler: OriginRequestHandler;
/** Every request that reached the origin: `read …` through the distribution, `forward …` handed back. */
const reached: string[] = [];

/**
 * The distribution as the edge's own reads meet it: a loopback proxy to the origin (CloudFront's
 * cache is not modelled; the behaviours for these paths run no edge function).
 */
async function serveDistribution(originUrl: string): Promise<{ url: string; server: ServerType }> {
  const proxy = async (request: Request) => {
    const url = new URL(request.url);
    reached.push(`read ${request.method} ${url.pathname}${request.headers.has('x-banjjak-edge-read') ? ' (edge)' : ''}`);
    const answer = await fetch(`${originUrl}${url.pathname}${url.search}`, { method: request.method, headers: { accept: request.headers.get('accept') ?? '*/*' } });
    const headers = new Headers(answer.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(answer.body, { status: answer.status, headers });
  };
  const server: ServerType = await new Promise((done) => {
    const running = serve({ fetch: proxy, hostname: '127.0.0.1', port: 0 }, () => done(running));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

beforeAll(async () => {
  origin = await serveTestOrigin(eventId, otherEventId);
  distribution = await serveDistribution(origin.url);
  bundle = await buildEdge({ publicUrl: distribution.url }, await mkdtemp(join(tmpdir(), 'banjjak-edge-')));
  ({ handler } = (await import(pathToFileURL(bundle.file).href)) as { handler: OriginRequestHandler });
});
afterAll(async () => {
  await new Promise((done) => distribution?.server.close(done));
  await origin?.close();
});

interface EventOptions {
  headers?: Record<string, string>;
  body?: string;
  truncated?: boolean;
}

/** A CloudFront origin-request event as Lambda@Edge receives it (`includeBody`: base64). */
function originRequestEvent(method: string, path: string, options: EventOptions = {}): CloudFrontRequestEvent {
  const [uri, querystring = ''] = path.split('?') as [string, string?];
  const headers: CloudFrontRequest['headers'] = {
    host: [{ key: 'Host', value: 'abcdefgh.lambda-url.ap-northeast-2.on.aws' }],
    'x-forwarded-for': [{ key: 'X-Forwarded-For', value: `198.51.100.7, ${CLIENT_IP}` }],
    via: [{ key: 'Via', value: '2.0 2afae0d44e2540f472c0635ab62c232b.cloudfront.net (CloudFront)' }],
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = [{ key: name, value }];
  const body = options.body === undefined ? undefined : { action: 'read-only' as const, data: Buffer.from(options.body).toString('base64'), encoding: 'base64' as const, inputTruncated: options.truncated ?? false };
  const custom = { customHeaders: {}, domainName: 'abcdefgh.lambda-url.ap-northeast-2.on.aws', keepaliveTimeout: 5, path: '', port: 443, protocol: 'https' as const, readTimeout: 30, sslProtocols: ['TLSv1.2'] };
  const config = { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'origin-request' as const, requestId: 'runtime-test' };
  return { Records: [{ cf: { config, request: { clientIp: CLIENT_IP, method, uri, querystring, headers, ...(body && { body }), origin: { custom } } } }] };
}

const isRequest = (result: CloudFrontRequest | CloudFrontResultResponse): result is CloudFrontRequest => 'uri' in result;
const header = (request: CloudFrontRequest, name: string) => request.headers[name]?.map((h) => h.value).join(', ');

function fromResult(result: CloudFrontResultResponse): Sent {
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, values]) => [name, values.map((v) => v.value).join(', ')]));
  const body = result.bodyEncoding === 'base64' ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  return { status: Number(result.status), headers, body };
}

/**
 * CloudFront's part after a handback: it signs the request (not modelled: the origin still reads
 * `Authorization`) and sends it, with the viewer's body, to the Function URL, which refuses a
 * payload hash that is not the body's. The hash is computed here, independently of the bundle.
 */
async function sendOn(request: CloudFrontRequest, viewerBody: string): Promise<Sent> {
  expect(header(request, 'x-amz-content-sha256')).toBe(sha256(viewerBody));
  if (viewerBody) expect(request.body?.data).toBe(Buffer.from(viewerBody).toString('base64'));
  reached.push(`forward ${request.method} ${request.uri}`);
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.headers)) {
    if (name !== 'host' && name !== 'via') for (const { value } of values) headers.append(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const query = request.querystring ? `?${request.querystring}` : '';
  const response = await fetch(`${origin.url}${request.uri}${query}`, { method: request.method, headers, ...(hasBody && { body: viewerBody }) });
  const sentHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (sentHeaders[name] = value));
  return { status: response.status, headers: sentHeaders, body: await response.text() };
}

const send: Send = async (method, path, options = {}) => {
  const result = await handler(originRequestEvent(method, path, options));
  return isRequest(result) ? sendOn(result, options.body ?? '') : fromResult(result);
};

describe('edge on Lambda@Edge (the built bundle, CloudFront origin-request events)', () => {
  it('hands a forwarded POST back to CloudFront with the hash of its JSON body and the headers the edge adds', async () => {
    const body = JSON.stringify({ title: '성수 팝업, 토요일', note: 'bytes, not UTF-16 units, are hashed' });
    const viewer = { authorization: 'Bearer operator-token', 'content-type': 'application/json' };
    const result = await handler(originRequestEvent('POST', '/api/admin/events?dry=1', { headers: viewer, body }));
    if (!isRequest(result)) throw new Error(`expected the request back, got ${result.status}`);
    expect(header(result, 'x-amz-content-sha256')).toBe(sha256(body));
    expect([result.uri, result.querystring, result.body?.data]).toEqual(['/api/admin/events', 'dry=1', Buffer.from(body).toString('base64')]);
    expect(header(result, 'x-forwarded-for')).toBe(CLIENT_IP);
    expect(header(result, 'x-forwarded-authorization')).toBe('Bearer operator-token');
    expect([header(result, 'host'), header(result, 'via')]).toEqual([expect.stringContaining('lambda-url'), expect.stringContaining('CloudFront')]);
    expect(header(result, 'x-banjjak-handback')).toBeUndefined();
  });

  it('gives a bodiless POST the hash of the empty string', async () => {
    const result = await handler(originRequestEvent('POST', '/api/auth/guest'));
    if (!isRequest(result)) throw new Error(`expected the request back, got ${result.status}`);
    expect(header(result, 'x-amz-content-sha256')).toBe(EMPTY_SHA256);
    expect(sha256('')).toBe(EMPTY_SHA256);
    expect(header(result, 'x-forwarded-authorization')).toBeUndefined();
  });

  it('refuses a body CloudFront truncated with 413 problem+json, forwarding nothing', async () => {
    const result = await handler(originRequestEvent('POST', `/api/events/${otherEventId}/bookings`, { headers: { 'content-type': 'application/json' }, body: '{"itemId":"slot-', truncated: true }));
    if (isRequest(result)) throw new Error('a truncated body was handed back');
    const sent = fromResult(result);
    expect([sent.status, JSON.parse(sent.body).code]).toEqual([413, 'payload_too_large']);
    expect(sent.headers['content-type']).toContain('application/problem+json');
  });

  it('answers /status itself from the state read through the public URL, and refuses a forged token without the origin', async () => {
    const guest = JSON.parse((await send('POST', '/api/auth/guest')).body);
    const joined = JSON.parse((await send('POST', `/api/queue/${otherEventId}/join`, { headers: { authorization: `Bearer ${guest.idToken}` } })).body);
    reached.length = 0;
    const result = await handler(originRequestEvent('GET', `/api/queue/${otherEventId}/status`, { headers: { authorization: `Bearer ${joined.queueToken}` } }));
    if (isRequest(result)) throw new Error('/status was handed back to CloudFront');
    expect([Number(result.status), JSON.parse(result.body!).seq]).toEqual([200, joined.seq]);
    expect(reached).toEqual(expect.arrayContaining([`read GET /api/queue/${otherEventId}/state (edge)`]));
    expect(reached.filter((line) => !line.startsWith('read '))).toEqual([]);

    reached.length = 0;
    const forged = fromResult((await handler(originRequestEvent('GET', `/api/queue/${otherEventId}/status`, { headers: { authorization: `Bearer ${joined.queueToken.slice(0, -6)}AAAAAA` } }))) as CloudFrontResultResponse);
    expect([forged.status, JSON.parse(forged.body).code, forged.headers['www-authenticate']]).toEqual([401, 'invalid_token', expect.stringContaining('invalid_token')]);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    const booking = await handler(originRequestEvent('POST', `/api/events/${otherEventId}/bookings`, { headers: { authorization: 'Bearer e30.e30.AAAA' }, body: '{"itemId":"slot-a"}' }));
    expect([isRequest(booking), (booking as CloudFrontResultResponse).status]).toEqual([false, '401']);
    expect(reached).toEqual([]);
  });

  it('sends a read that loops back to the edge straight on instead of reading again', async () => {
    const result = await handler(originRequestEvent('GET', `/api/queue/${otherEventId}/state`, { headers: { 'x-banjjak-edge-read': '1' } }));
    expect(isRequest(result) && [result.uri, header(result, 'x-amz-content-sha256')]).toEqual([`/api/queue/${otherEventId}/state`, EMPTY_SHA256]);
  });

  it('runs the visit and the shield like the Node edge', async () => {
    await runEdgeScenarios(send, eventId);
  });

  it('ships one small file, the same from buildEdgeSync', async () => {
    expect(await readdir(bundle.dir)).toEqual(['lambda-edge.mjs']);
    expect(bundle.handler).toBe('lambda-edge.handler');
    const code = await readFile(bundle.file);
    expect(deflateRawSync(code, { level: 9 }).length).toBeLessThan(200 * 1024);
    const again = buildEdgeSync({ publicUrl: distribution.url }, await mkdtemp(join(tmpdir(), 'banjjak-edge-sync-')));
    expect((await readFile(again.file)).equals(code)).toBe(true);
    expect(() => buildEdgeSync({ publicUrl: 'http://drops.example.com/api' }, bundle.dir)).toThrow(/publicUrl: must be https[\s\S]*without a path/);
  });
});
