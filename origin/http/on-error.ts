import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, problemResponse } from '../../core/index.js';

/** Maps anything thrown to problem+json; only genuine faults are 500 and get logged. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? 'payload_too_large' : error.status === 400 ? 'invalid_json' : 'bad_request';
    return problemResponse(new AppError(code, { detail: error.status === 400 ? 'request body is not valid JSON' : undefined }));
  }
  if (!(error instanceof AppError) || error.status >= 500) console.error('origin error', error);
  return problemResponse(error);
};

export const onNotFound: NotFoundHandler = () => problemResponse(new AppError('not_found'));

