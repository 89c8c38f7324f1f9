import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/index.js';
import { requestBearer } from './request-bearer.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Operator auth: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time on digests. */
export function requireOperator(adminToken: string) {
  const expected = digest(adminToken);
  return createMiddleware(async (c, next) => {
    const presented = requestBearer(c);
    if (!timingSafeEqual(digest(presented), expected)) throw new AppError('invalid_token', { detail: 'not an operator token' });
    await next();
  });
}
