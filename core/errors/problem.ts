import { AppError } from './app-error.js';
import { errorCodes, type ErrorCode } from './codes.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  [extra: string]: unknown;
}

/** RFC 9457 problem document for an error; unknown errors become an opaque 500. */
export function toProblem(error: unknown): Problem {
  const appError = error instanceof AppError ? error : new AppError('internal', { cause: error });
  const { title } = errorCodes[appError.code];
  const problem: Problem = {
    ...appError.extra,
    type: `https://banjjak.dev/problems/${appError.code.replaceAll('_', '-')}`,
    title,
    status: appError.status,
    code: appError.code,
  };
  if (appError.expose && appError.detail) problem.detail = appError.detail;
  return problem;
}

/** Headers to send with a problem response: content type, the error's own, and token hints. */
export function problemHeaders(error: unknown): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' };
  if (error instanceof AppError) {
    Object.assign(headers, error.headers);
    if (error.code === 'invalid_token') headers['www-authenticate'] = 'Bearer error="invalid_token"';
    if (error.code === 'unauthorized') headers['www-authenticate'] = 'Bearer';
  }
  return headers;
}

/** A problem+json Response, usable in any runtime. */
export function problemResponse(error: unknown): Response {
  const problem = toProblem(error);
  return new Response(JSON.stringify(problem), { status: problem.status, headers: problemHeaders(error) });
}
