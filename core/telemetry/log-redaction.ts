/**
 * Fields no log line may carry, as pino `redact` paths (https://getpino.io/#/docs/redaction): the
 * credentials a request or an error can hold. One list for the edge and the origin. Request bodies
 * and query strings are never logged at all (a request line names the route, not the URL).
 */
const SECRET_FIELDS = ['password', 'token', 'idToken', 'queueToken', 'accessToken', 'adminToken', 'authorization', 'cookie'];
const SECRET_HEADERS = ['authorization', 'x-forwarded-authorization', 'cookie', 'set-cookie'];

export const LOG_REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];

export const LOG_REDACT_CENSOR = '[redacted]';
