import type { CloudFrontHeaders, CloudFrontRequest, CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { AppError, problemResponse } from '../../core/index.js';
import { bodyBytes, toOriginRequest, type Handback } from './cloudfront-handback.js';

/** Set on the edge's own reads through the distribution, so one that loops back is sent straight on. */
export const EDGE_READ_HEADER = 'x-banjjak-edge-read';

/** The app's `env` on Lambda@Edge, as hono/lambda-edge passes it: the CloudFront request. */
export interface CloudFrontBindings {
  request: CloudFrontRequest;
}

interface FetchApp {
  fetch(request: Request, env: CloudFrontBindings): Response | Promise<Response>;
}

export type OriginRequestHandler = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequest | CloudFrontResultResponse>;

/**
 * A CloudFront origin-request function around the edge app, a thin translator in the manner of
 * hono/lambda-edge (event → Request → app.fetch → result) that adds what that adapter lacks: a
 * handback becomes the request itself, for CloudFront to sign and send, and a body CloudFront
 * truncated (`includeBody` passes at most 1 MB) is refused rather than judged or forwarded cut.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
 */
export function createOriginRequestHandler(app: FetchApp, handback: Handback): OriginRequestHandler {
  return async (event) => {
    const { config, request } = event.Records[0]!.cf;
    if (request.body?.inputTruncated) {
      return toResult(problemResponse(new AppError('payload_too_large', { detail: 'the body was cut short by CloudFront' })));
    }
    const method = request.method.toUpperCase();
    // A misattached behaviour would make a read call the edge again; send it on, as if no function ran.
    if ((method === 'GET' || method === 'HEAD') && request.headers[EDGE_READ_HEADER]) return toOriginRequest(request, new Headers());
    const response = await app.fetch(toRequest(request, config.distributionDomainName), { request });
    const chosen = handback.headersOf(response);
    return chosen ? toOriginRequest(request, chosen) : toResult(response);
  };
}

function toRequest(request: CloudFrontRequest, host: string): Request {
  const query = request.querystring ? `?${request.querystring}` : '';
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.headers)) {
    for (const { value } of values) headers.append(name, value);
  }
  const method = request.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : bodyBytes(request);
  if (body) headers.set('content-length', String(body.byteLength));
  return new Request(`https://${host}${request.uri}${query}`, { method, headers, body });
}

const TEXTUAL = /^(text\/|application\/([\w.-]+\+)?(json|xml)\b|application\/vnd\.apple\.mpegurl\b)/i;

/** A generated response (at most 1 MB from an origin-request function); binary bodies go base64. */
async function toResult(response: Response): Promise<CloudFrontResultResponse> {
  const headers: CloudFrontHeaders = {};
  response.headers.forEach((value, name) => (headers[name] ??= []).push({ key: name, value }));
  const result: CloudFrontResultResponse = { status: String(response.status), headers };
  if (response.body === null) return result;
  if (TEXTUAL.test(response.headers.get('content-type') ?? '') && !response.headers.has('content-encoding')) {
    return { ...result, body: await response.text(), bodyEncoding: 'text' };
  }
  return { ...result, body: toBase64(new Uint8Array(await response.arrayBuffer())), bodyEncoding: 'base64' };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
