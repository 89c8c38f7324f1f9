import { REQUEST_ID_HEADER, requestIdFor } from './request-id.js';

/** One answered request, as logged and counted: the route pattern, never the URL (no ids, no query). */
export interface RequestLine {
  requestId: string;
  method: string;
  /** The pattern that answered (`/api/queue/:eventId/join`); unmatched paths get the catch-all's. */
  route: string;
  status: number;
  ms: number;
}

/** The part of a Hono context the middleware uses, typed by shape so core needs no framework. */
export interface ObservedContext {
  req: { method: string; header(name: string): string | undefined };
  res: Response;
  set(key: 'requestId', value: string): void;
  header(name: string, value: string): void;
}

export interface ObserveRequestsOptions<C extends ObservedContext> {
  /** The route pattern that answered: Hono's `routePath`. */
  route: (c: C) => string;
  /** Called once per request after the answer is ready. */
  report: (line: RequestLine) => void;
  /** A monotonic clock in ms. @default performance.now */
  now?: () => number;
  generateId?: () => string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Methods as a label: a made-up method must not mint a new series. */
export const methodLabel = (method: string): string => (METHODS.has(method) ? method : 'OTHER');

/**
 * The request id and the request line, for the edge and the origin alike: takes a well-formed
 * `x-request-id` or makes one, exposes it as `c.var.requestId`, sets it on the answer, and reports
 * method, route, status and duration once the answer is ready (errors included: `onError` has
 * rendered them by then).
 */
export function observeRequests<C extends ObservedContext>(options: ObserveRequestsOptions<C>) {
  const now = options.now ?? (() => performance.now());
  return async (c: C, next: () => Promise<void>): Promise<void> => {
    const started = now();
    const requestId = requestIdFor(c.req.header(REQUEST_ID_HEADER), options.generateId);
    c.set('requestId', requestId);
    await next();
    setHeader(c, requestId);
    const ms = Math.round((now() - started) * 1000) / 1000;
    options.report({ requestId, method: methodLabel(c.req.method), route: options.route(c), status: c.res.status, ms });
  };
}

/** In place when the answer's headers may change; a relayed fetch answer's may not, so it is copied. */
function setHeader(c: ObservedContext, requestId: string): void {
  try {
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    c.header(REQUEST_ID_HEADER, requestId);
  }
}
