import { describe, expect, it } from 'vitest';
import { parseOriginConfig } from './config.js';

const base = { ADMIN_TOKEN: 'config-test-admin-token' };

describe('origin configuration', () => {
  it('defaults the booking timeout and the reconciler interval', () => {
    expect(parseOriginConfig(base)).toMatchObject({ BOOKING_TIMEOUT_MS: 30_000, RECONCILE_INTERVAL_MS: 10_000 });
    expect(parseOriginConfig({ ...base, BOOKING_TIMEOUT_MS: '3000', RECONCILE_INTERVAL_MS: '500' })).toMatchObject({ BOOKING_TIMEOUT_MS: 3_000, RECONCILE_INTERVAL_MS: 500 });
  });

  it('takes an external OpenID Connect provider whole, and never under our own issuer', () => {
    const oidc = { OIDC_ISSUER: 'https://cognito-idp.ap-northeast-2.amazonaws.com/pool', OIDC_AUDIENCE: 'client-id', OIDC_JWKS_URL: 'https://cognito-idp.ap-northeast-2.amazonaws.com/pool/.well-known/jwks.json' };
    expect(parseOriginConfig({ ...base, ...oidc })).toMatchObject(oidc);
    expect(() => parseOriginConfig({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together/);
    expect(() => parseOriginConfig({ ...base, ...oidc, OIDC_ISSUER: 'banjjak-origin' })).toThrow(/must differ from TOKEN_ISSUER/);
  });

  it('lists every problem at once', () => {
    const attempt = () => parseOriginConfig({ BOOKING_TIMEOUT_MS: '10', RECONCILE_INTERVAL_MS: 'soon', OIDC_JWKS_URL: 'ftp://x' });
    expect(attempt).toThrow(/ADMIN_TOKEN[\s\S]*BOOKING_TIMEOUT_MS[\s\S]*RECONCILE_INTERVAL_MS[\s\S]*OIDC_JWKS_URL/);
  });
});
