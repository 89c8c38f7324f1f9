import type { Context } from 'hono';
import { AppError, REQUEST_ID_HEADER } from '../../core/index.js';
import type { CachedResponse } from '../cache/response-cache.js';
import type { EdgeDeps, OriginFetch } from '../deps.js';
import type { EdgeEnv } from '../env.js';
import { matchesIfNoneMatch, weakEtag } from '../cache/etag.js';

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'accept'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after', 'www-authenticate', 'etag', 'vary'];

/** Forwards the request to the origin with only the headers the origin needs, and the request id. */
export async function forward(c: Context<EdgeEnv>, deps: Pick<EdgeDeps, 'origin' | 'forward'>, clientIp: string | undefined): Promise<Response> {
  const url = new URL(c.req.url);
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  if (clientIp) headers.set('x-forwarded-for', clientIp);
  headers.set(REQUEST_ID_HEADER, c.get('requestId'));
  const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  const init = { method: c.req.method, headers, ...(hasBody && { body: await c.req.arrayBuffer() }) };
  const path = url.pathname + url.search;
  return deps.forward ? deps.forward(path, init) : relay(deps.origin, path, init);
}

/**
 * A public, cacheable GET on the origin, whatever request triggered it: no credentials travel, so
 * the cached answer is the same for everyone. It carries the id of the request that triggered it.
 */
export function originGet(origin: OriginFetch, path: string, requestId?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  return relay(origin, path, { method: 'GET', headers });
}

async function relay(origin: OriginFetch, path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await origin(path, init);
  } catch (error) {
    throw new AppError('origin_unavailable', { cause: error, headers: { 'retry-after': '2' } });
  }
  const out = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  return new Response(response.body, { status: response.status, headers: out });
}

/** Reads a forwarded response fully so it can be cached, adding a validator to successful ones. */
export async function toCached(response: Response): Promise<CachedResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = await response.text();
  if (response.status === 200 && !response.headers.has('etag')) headers.etag = weakEtag(body);
  return { status: response.status, headers, body };
}

/** Answers from a cached response: 304 when the client already holds this version. */
export function fromCached(cached: CachedResponse, ifNoneMatch?: string): Response {
  const { etag } = cached.headers;
  if (cached.status === 200 && etag && matchesIfNoneMatch(ifNoneMatch, etag)) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': cached.headers['cache-control'] ?? 'no-cache' } });
  }
  return new Response(cached.body, { status: cached.status, headers: cached.headers });
}
