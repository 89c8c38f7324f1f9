/**
 * Every segment of an API or HLS path is a fixed word or an id (`idSchema`: 1–64 letters, digits,
 * "-" and "_"), or a file name with a dot (`openapi.json`, `live.m3u8`). A path with any other
 * segment names nothing that can exist: it is answered 404 before any route, cache or store sees
 * it (DynamoDB refuses keys over 2,048 bytes, Redis keys grow with them, and a cache keyed on it
 * fills with junk).
 */
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { problemResponse } from '../errors/problem.js';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The not-found code of the collection a malformed id sits in, as for an id that is unknown. */
const notFoundIn: Readonly<Record<string, ErrorCode>> = {
  events: 'event_not_found',
  queue: 'event_not_found',
  bookings: 'booking_not_found',
  channels: 'channel_not_found',
  replays: 'replay_not_found',
};

/** undefined for a well-formed path; else the 404 code to answer (`event_not_found`, …, `not_found`). */
export function malformedPathCode(path: string): ErrorCode | undefined {
  if (isWellFormedPath(path)) return undefined;
  const segments = path.split('/');
  const bad = segments.findIndex((segment, index) => index > 0 && !SEGMENT.test(segment));
  return (bad > 1 && notFoundIn[segments[bad - 1]!]) || 'not_found';
}

export function isWellFormedPath(path: string): boolean {
  if (path.length > 512) return false;
  const segments = path.split('/');
  // '' before the leading '/'; a trailing '/' leaves one more, which routing answers itself.
  for (let index = 1; index < segments.length; index += 1) {
    const segment = segments[index]!;
    if (segment === '' && index === segments.length - 1) continue;
    if (!SEGMENT.test(segment)) return false;
  }
  return true;
}

/**
 * The rule as middleware for the edge and the origin (`app.use('/api/*', guardPath)`), typed by
 * shape so core needs no framework: a malformed path is answered 404 and nothing else runs.
 */
export async function guardPath(c: { req: { path: string } }, next: () => Promise<void>): Promise<Response | void> {
  const code = malformedPathCode(c.req.path);
  if (code) return problemResponse(new AppError(code, { detail: 'ids are 1 to 64 letters, digits, "-" and "_"' }));
  await next();
}
