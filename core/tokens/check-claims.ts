import type { Clock } from '../clock.js';
import { AppError } from '../errors/index.js';
import { CLOCK_TOLERANCE_SECONDS, tokenTypes, type ClaimsByKind, type TokenKind, type TokenSettings } from './claims.js';

export interface VerifyOptions extends TokenSettings {
  clock: Clock;
  /** Seconds of clock skew tolerated between signer and verifier. @default CLOCK_TOLERANCE_SECONDS */
  clockToleranceSeconds?: number;
}

/**
 * The rules every verifier of our tokens applies, whatever checks the signature (jose and Web
 * Crypto at the edge, node:crypto at the origin), so the two can never drift apart. They are
 * jose's `jwtVerify` rules, in its order, so the error codes are the ones it led to.
 */

/** Before the signature: refuses headers that would change how the token is read (RFC 7515 §4.1.11, RFC 7797). */
export function checkProtectedHeader(header: Record<string, unknown>): void {
  if ('crit' in header || 'b64' in header) throw new AppError('invalid_token', { detail: 'token header is not supported' });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const normalizeTyp = (typ: string) => (typ.includes('/') ? typ.toLowerCase() : `application/${typ.toLowerCase()}`);
const expectedTyp = Object.fromEntries(Object.entries(tokenTypes).map(([kind, typ]) => [kind, normalizeTyp(typ)])) as Record<TokenKind, string>;
/** jose's order of presence checks (`requiredClaims` then audience, issuer, reversed). */
const REQUIRED = ['iss', 'aud', 'iat', 'exp', 'sub'] as const;

const malformed = (detail = 'token claims are malformed') => new AppError('invalid_token', { detail });

/**
 * After the signature held: `typ` (a wrong kind is `wrong_token_type`, RFC 8725 §3.11), then
 * `iss`, `aud`, `nbf`, `exp` and the claims' shape. Returns the claims.
 */
export function checkClaims<K extends TokenKind>(kind: K, typ: unknown, payload: Uint8Array, options: VerifyOptions): ClaimsByKind[K] {
  let claims: unknown;
  try {
    claims = JSON.parse(utf8.decode(payload));
  } catch {
    throw malformed();
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw malformed();
  const set = claims as Record<string, unknown>;
  if (typeof typ !== 'string' || normalizeTyp(typ) !== expectedTyp[kind]) throw new AppError('wrong_token_type');
  for (const claim of REQUIRED) if (!Object.hasOwn(set, claim)) throw malformed(`token has no ${claim} claim`);
  if (set.iss !== options.issuer) throw malformed('token has another issuer');
  const aud = set.aud;
  if (!(aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience)))) throw malformed('token is for another audience');
  const tolerance = options.clockToleranceSeconds ?? CLOCK_TOLERANCE_SECONDS;
  const now = Math.floor(options.clock.now() / 1000);
  if (typeof set.iat !== 'number') throw malformed();
  if (set.nbf !== undefined && (typeof set.nbf !== 'number' || set.nbf > now + tolerance)) throw malformed('token not yet valid');
  if (typeof set.exp !== 'number') throw malformed();
  if (hasExpired(set.exp, options.clock.now(), tolerance)) throw malformed('token expired');
  assertShape(kind, set);
  return set as unknown as ClaimsByKind[K];
}

/** jose's expiry rule, for verifiers that check a remembered token again: `exp` in seconds, `nowMs` in ms. */
export function hasExpired(exp: number, nowMs: number, toleranceSeconds = CLOCK_TOLERANCE_SECONDS): boolean {
  return exp <= Math.floor(nowMs / 1000) - toleranceSeconds;
}

function assertShape(kind: TokenKind, payload: Record<string, unknown>): void {
  const ok =
    typeof payload.sub === 'string' &&
    (kind === 'id' ||
      (typeof payload.evt === 'string' &&
        (kind === 'access' || payload.seq === null || Number.isSafeInteger(payload.seq))));
  if (!ok) throw malformed();
}
