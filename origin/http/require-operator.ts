import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { AppError, readBearer } from '../../core/index.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Operator auth: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time on digests. */
export function requireOperator(adminToken: string) {
  const expected = digest(adminToken);
  return createMiddleware(async (c, next) => {
    const presented = readBearer(c.req.header('authorization'));
    if (!timingSafeEqual(digest(presented), expected)) throw new AppError('invalid_token', { detail: 'not an operator token' });
    await next();
  });
}
