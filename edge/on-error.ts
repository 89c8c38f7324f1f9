import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, problemResponse } from '../core/index.js';
import type { EdgeObserver } from './edge-observer.js';
import type { EdgeEnv } from './env.js';

/** Everything thrown becomes problem+json; the edge never answers a bad request with a 500. */
export function createOnError(observe: EdgeObserver): ErrorHandler<EdgeEnv> {
  return (error, c) => {
    if (error instanceof HTTPException) {
      return problemResponse(new AppError(error.status === 413 ? 'payload_too_large' : 'bad_request'));
    }
    if (!(error instanceof AppError) || error.status >= 500) observe.fault(c.get('requestId'), error);
    return problemResponse(error);
  };
}

export const onNotFound: NotFoundHandler = () => problemResponse(new AppError('not_found'));

