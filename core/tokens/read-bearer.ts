import { AppError } from '../errors/index.js';

/**
 * The one place a bearer token is read from a request (RFC 6750 §2.1), shared by every
 * middleware of the edge and the origin. Errors never include the header's content.
 */
export function readBearer(authorization: string | null | undefined): string {
  if (!authorization) throw new AppError('unauthorized', { detail: 'missing Authorization: Bearer token' });
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new AppError('invalid_token', { detail: 'Authorization header is not a bearer token' });
  return match[1];
}
