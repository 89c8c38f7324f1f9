import type { ErrorCode } from '../../../core/index.js';

/** Codes the server sends, plus two the client invents when no problem document arrived. */
export type ApiErrorCode = ErrorCode | 'network_error' | 'unexpected_response';

/** One failing field of a `validation_failed` problem: `path` as the request spells it (`items.0.capacity`). */
export interface ProblemField {
  path: string;
  message: string;
}

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  title: string;
  detail?: string | undefined;
  /** From `Retry-After`, when the server sent one (rate limits, capacity). */
  retryAfterSeconds?: number | undefined;
  /** `validation_failed`: every failing field, so a form can mark each one. */
  fields?: readonly ProblemField[] | undefined;
}

/**
 * Every failed request becomes one of these, so pages branch on `code` and show `title`/`detail`
 * (RFC 9457) without caring whether the failure was a problem document or a dropped connection.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: readonly ProblemField[];

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields ?? [];
  }

  /** True when the request may have reached the server but we never heard the answer. */
  get outcomeUnknown(): boolean {
    return this.code === 'network_error' || this.status >= 500;
  }
}

/** Anything thrown becomes an ApiError, so views need only one error shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    code: 'unexpected_response',
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : undefined,
  });
}

export function isApiError(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** A Solid resource's error (typed `any` by Solid) as an ApiError, or undefined while there is none. */
export function resourceError(resource: { error: unknown }): ApiError | undefined {
  return resource.error === undefined ? undefined : toApiError(resource.error);
}
