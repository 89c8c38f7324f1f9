import type { ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, malformedPathCode, problemResponse } from '../core/index.js';

/** Everything thrown becomes problem+json; the edge never answers a bad request with a 500. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof HTTPException) {
    return problemResponse(new AppError(error.status === 413 ? 'payload_too_large' : 'bad_request'));
  }
  if (!(error instanceof AppError) || error.status >= 500) console.error('edge error', error instanceof Error ? error.message : error);
  return problemResponse(error);
};

export const onNotFound: NotFoundHandler = () => problemResponse(new AppError('not_found'));

/** A path with a segment no id or file name can have names nothing: 404, and nothing else runs. */
export const guardPath: MiddlewareHandler = async (c, next) => {
  const code = malformedPathCode(c.req.path);
  if (code) return problemResponse(new AppError(code, { detail: 'ids are 1 to 64 letters, digits, "-" and "_"' }));
  await next();
};
