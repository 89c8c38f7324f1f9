/** The header a request id travels in: client → edge → origin, and back on every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What we accept from outside: short, and nothing a log line or a header could be bent with. */
const WELL_FORMED = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedRequestId(value: string | null | undefined): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** The caller's id when it is well formed, else a fresh one (`crypto.randomUUID` unless given). */
export function requestIdFor(given: string | null | undefined, generate: () => string = () => crypto.randomUUID()): string {
  return isWellFormedRequestId(given) ? given : generate();
}
