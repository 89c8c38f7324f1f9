import { createMiddleware } from 'hono/factory';
import type { TokenKind } from '../../core/index.js';
import type { TokenIssuer } from '../tokens/token-issuer.js';
import type { OriginEnv } from './env.js';
import { requestBearer } from './request-bearer.js';

const variable = { id: 'idClaims', queue: 'queueClaims', access: 'accessClaims' } as const;

/** Verifies the bearer token of the given kind and exposes its claims to the handler. */
export function requireToken(tokens: TokenIssuer, kind: TokenKind) {
  return createMiddleware<OriginEnv>(async (c, next) => {
    const claims = await tokens.verify(kind, requestBearer(c));
    c.set(variable[kind], claims as never);
    await next();
  });
}
