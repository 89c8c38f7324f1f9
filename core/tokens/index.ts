export * from './claims.js';
export { verifyToken, assertEvent } from './verify-token.js';
export { checkClaims, checkProtectedHeader, hasExpired, type VerifyOptions } from './check-claims.js';
export { createVerifiedTokenCache, type VerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token-cache.js';
export { readBearer } from './read-bearer.js';
export { createJwksCache, type JwksCache, type JwksCacheOptions } from './jwks-cache.js';
export { createPacedRun } from './paced-run.js';
