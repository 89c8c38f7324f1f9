import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, problemResponse } from '../../core/index.js';
import type { Logger } from '../logging/log.js';
import type { OriginEnv } from './env.js';

/** Maps anything thrown to problem+json; only genuine faults are 5xx and get logged, with the request id. */
export function createOnError(log: Logger): ErrorHandler<OriginEnv> {
  return (error, c) => {
    if (error instanceof HTTPException) {
      const code = error.status === 413 ? 'payload_too_large' : error.status === 400 ? 'invalid_json' : 'bad_request';
      return problemResponse(new AppError(code, { detail: error.status === 400 ? 'request body is not valid JSON' : undefined }));
    }
    if (!(error instanceof AppError) || error.status >= 500) log.error({ requestId: c.get('requestId'), err: error }, 'origin error');
    return problemResponse(error);
  };
}

export const onNotFound: NotFoundHandler = () => problemResponse(new AppError('not_found'));

