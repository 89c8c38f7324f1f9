import type { CloudFrontHeaders, CloudFrontRequest } from 'aws-lambda';
import type { OriginFetch } from '../deps.js';

const MARKER = 'x-banjjak-handback';
/** Lambda requires the payload hash on signed POST/PUT; CloudFront signs with whatever we put here. */
const CONTENT_SHA256 = 'x-amz-content-sha256';
/**
 * Origin Access Control (SigV4, always) replaces `Authorization` with CloudFront's signature, so
 * the viewer's bearer token travels on in this header (the name Google's ESP uses for the same
 * job); the origin reads it when present.
 */
export const FORWARDED_AUTHORIZATION = 'x-forwarded-authorization';

export interface Handback {
  /** The edge's `forward` port on Lambda@Edge: answers with a marker instead of fetching. */
  forward: OriginFetch;
  /** The headers the edge chose for the origin, if `response` is this handback's marker. */
  headersOf(response: Response): Headers | undefined;
}

/**
 * Forwarding by handing the request back to CloudFront: the origin is a Function URL behind OAC,
 * which only CloudFront can sign for, and the body stays CloudFront's (it sends it unchanged). The
 * path is CloudFront's too: the edge never rewrites one. The marker holds a secret drawn per
 * container, so no relayed response can pass for one.
 */
export function createHandback(): Handback {
  const secret = crypto.randomUUID();
  return {
    forward: async (_path, init) => {
      const headers = new Headers(init.headers);
      headers.set(MARKER, secret);
      return new Response(null, { status: 204, headers });
    },
    headersOf: (response) => {
      if (response.headers.get(MARKER) !== secret) return undefined;
      const headers = new Headers(response.headers);
      headers.delete(MARKER);
      return headers;
    },
  };
}

/**
 * The origin-request result that sends `request` on: CloudFront's own headers (read-only ones must
 * stay as they are), overlaid with those the edge chose (the client IP it vouches for), plus the
 * viewer's token under `FORWARDED_AUTHORIZATION` and the hash of the body CloudFront will send.
 */
export async function toOriginRequest(request: CloudFrontRequest, chosen: Headers): Promise<CloudFrontRequest> {
  const headers: CloudFrontHeaders = { ...request.headers };
  const set = (name: string, value: string) => (headers[name] = [{ key: name, value }]);
  chosen.forEach((value, name) => set(name, value));
  const authorization = chosen.get('authorization');
  if (authorization) set(FORWARDED_AUTHORIZATION, authorization);
  else delete headers[FORWARDED_AUTHORIZATION];
  set(CONTENT_SHA256, await sha256Hex(bodyBytes(request)));
  return { ...request, headers };
}

/** The body as CloudFront holds it (`includeBody`): base64 or text; none is the empty body. */
export function bodyBytes(request: CloudFrontRequest): Uint8Array<ArrayBuffer> {
  const body = request.body;
  if (!body?.data) return new Uint8Array();
  if (body.encoding === 'text') return new TextEncoder().encode(body.data);
  return Uint8Array.from(atob(body.data), (char) => char.charCodeAt(0));
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
