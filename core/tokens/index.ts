export * from './claims.js';
export { verifyToken, assertEvent, type VerifyOptions } from './verify-token.js';
export { readBearer } from './read-bearer.js';
export { createJwksCache, type JwksCache, type JwksCacheOptions } from './jwks-cache.js';
