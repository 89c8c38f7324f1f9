import type { Context } from 'hono';
import { readBearer } from '../../core/index.js';

/**
 * Behind CloudFront's Origin Access Control the `Authorization` header carries CloudFront's SigV4
 * signature for the Function URL, and the edge moves the viewer's own bearer token to this one
 * (edge/entry/cloudfront-handback.ts).
 */
export const FORWARDED_AUTHORIZATION = 'x-forwarded-authorization';

/**
 * The caller's bearer token: from `Authorization`, unless that header is absent or holds an AWS
 * signature, in which case from the forwarded copy. Either way it is verified by the caller.
 */
export function requestBearer(c: Context): string {
  const { authorization, forwarded, signedByAws } = authorizationHeaders(c);
  return readBearer(forwarded && (!authorization || signedByAws) ? forwarded : authorization);
}

/**
 * Whether the viewer sent credentials at all, whatever they are worth: a join without them is a
 * new guest's first arrival, a join with them is verified as ever. CloudFront's own signature
 * is not the viewer's.
 */
export function presentsCredentials(c: Context): boolean {
  const { authorization, forwarded, signedByAws } = authorizationHeaders(c);
  return forwarded !== undefined || (authorization !== undefined && !signedByAws);
}

function authorizationHeaders(c: Context) {
  const authorization = c.req.header('authorization');
  const forwarded = c.req.header(FORWARDED_AUTHORIZATION);
  const signedByAws = authorization?.startsWith('AWS4-HMAC-SHA256 ') ?? false;
  return { authorization, forwarded, signedByAws };
}
