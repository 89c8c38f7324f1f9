import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError, type Clock, type IdClaims } from '../../core/index.js';
import { externalUserId } from './user-id.js';

export interface OidcSettings {
  /** The provider's `iss`, e.g. `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  issuer: string;
  /** Our client id at the provider: the id token's `aud`. */
  audience: string;
  /** Where the provider publishes its signing keys (`jwks_uri` of its discovery document). */
  jwksUrl: string;
  /** @default 5 */
  clockToleranceSeconds?: number;
  /** Give up on a JWKS fetch after this long (then 503, never 401). @default 3000 */
  jwksTimeoutMs?: number;
}

/** Accepts id tokens of one external OpenID Connect provider (e.g. Amazon Cognito). */
export interface ExternalIdentityVerifier {
  readonly issuer: string;
  /** Claims in our shape: `sub` namespaced as `oidc:<sub>`, and a member, never a guest. */
  verify(token: string): Promise<IdClaims>;
}

/** Signature algorithms such providers use; pinned so a token cannot pick a weaker one. */
const ALGORITHMS = ['RS256', 'ES256'];
const MAX_SUB_LENGTH = 200;

const isOutage = (error: unknown): boolean =>
  error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof TypeError && /fetch/i.test(error.message));

export function createOidcVerifier(settings: OidcSettings, clock: Clock, getKey?: JWTVerifyGetKey): ExternalIdentityVerifier {
  const keys = getKey ?? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: settings.jwksTimeoutMs ?? 3_000, cooldownDuration: 30_000 });

  return {
    issuer: settings.issuer,
    async verify(token) {
      let payload;
      let typ: string | undefined;
      try {
        ({ payload, protectedHeader: { typ } } = await jwtVerify(token, keys, {
          algorithms: ALGORITHMS,
          issuer: settings.issuer,
          audience: settings.audience,
          clockTolerance: settings.clockToleranceSeconds ?? 5,
          currentDate: new Date(clock.now()),
          requiredClaims: ['sub', 'exp', 'iat'],
        }));
      } catch (error) {
        // The provider being unreachable is our outage, not the visitor's bad token.
        if (isOutage(error)) throw new AppError('origin_unavailable', { detail: 'identity provider unreachable', headers: { 'retry-after': '2' }, cause: error });
        throw new AppError('invalid_token', { detail: error instanceof errors.JWTExpired ? 'token expired' : undefined, cause: error });
      }
      // ID tokens carry `typ: JWT` or none (Cognito); access tokens (`at+jwt`, Cognito's
      // `token_use: access`) prove no identity to us.
      if ((typ !== undefined && typ.toUpperCase() !== 'JWT') || (payload.token_use !== undefined && payload.token_use !== 'id')) {
        throw new AppError('invalid_token', { detail: 'not an id token' });
      }
      const { sub, iat, exp, name } = payload;
      if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUB_LENGTH || iat === undefined || exp === undefined) {
        throw new AppError('invalid_token', { detail: 'token claims are malformed' });
      }
      return { sub: externalUserId(sub), idk: 'member', iat, exp, ...(typeof name === 'string' && { name: name.slice(0, 120) }) };
    },
  };
}
