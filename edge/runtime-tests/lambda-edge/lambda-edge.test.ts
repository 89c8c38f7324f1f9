import type { CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdge } from '../../../tools/build-edge.js';
import { runEdgeScenarios, serveTestOrigin, type Send, type ServedOrigin } from '../edge-scenarios.js';

type Handler = (event: CloudFrontRequestEvent) => Promise<CloudFrontResultResponse>;

let origin: ServedOrigin;
let bundle: string;
let handler: Handler;
const eventId = 'drop-lambda-edge';

beforeAll(async () => {
  origin = await serveTestOrigin(eventId);
  const out = await buildEdge({ originUrl: origin.url }, await mkdtemp(join(tmpdir(), 'banjjak-edge-')));
  bundle = out.lambdaEdge;
  ({ handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler });
});
afterAll(async () => origin?.close());

/** A CloudFront origin-request event as Lambda@Edge receives it (body included, base64). */
function originRequestEvent(method: string, path: string, headers: Record<string, string>, body?: string): CloudFrontRequestEvent {
  const [uri, querystring = ''] = path.split('?') as [string, string?];
  const cfHeaders: Record<string, { key: string; value: string }[]> = {
    host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }],
    'user-agent': [{ key: 'User-Agent', value: 'Amazon CloudFront' }],
  };
  for (const [name, value] of Object.entries(headers)) cfHeaders[name.toLowerCase()] = [{ key: name, value }];
  return {
    Records: [
      {
        cf: {
          config: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'origin-request', requestId: 'runtime-test' },
          request: {
            clientIp: '203.0.113.178',
            method,
            uri,
            querystring,
            headers: cfHeaders,
            ...(body !== undefined && { body: { action: 'read-only', data: Buffer.from(body).toString('base64'), encoding: 'base64', inputTruncated: false } }),
            origin: { custom: { customHeaders: {}, domainName: 'origin.example', keepaliveTimeout: 5, path: '', port: 443, protocol: 'https', readTimeout: 30, sslProtocols: ['TLSv1.2'] } },
          },
        },
      },
    ],
  };
}

const send: Send = async (method, path, options = {}) => {
  const result = await handler(originRequestEvent(method, path, options.headers ?? {}, options.body));
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, values]) => [name, values.map((v) => v.value).join(', ')]));
  const body = result.bodyEncoding === 'base64' ? Buffer.from(result.body ?? '', 'base64').toString() : (result.body ?? '');
  return { status: Number(result.status), headers, body };
};

describe('edge on Lambda@Edge (the built bundle, CloudFront origin-request events)', () => {
  it('runs the visit and the shield like the Node edge', async () => {
    await runEdgeScenarios(send, eventId);
  });

  it('stays under 1 MB zipped', async () => {
    const zipped = deflateRawSync(await readFile(bundle), { level: 9 }).length;
    expect(zipped).toBeLessThan(1024 * 1024);
  });
});
