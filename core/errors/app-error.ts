import { errorCodes, type ErrorCode } from './codes.js';

export interface AppErrorOptions {
  /** Shown to the client as `detail`. Never put tokens, claims or personal data here. */
  detail?: string;
  /** Extra members of the problem document (e.g. `fields` for validation errors). */
  extra?: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  /** Whether `detail` may be shown; 5xx details are hidden unless set. */
  expose?: boolean;
  cause?: unknown;
}

/** The one error type of every app: rendered as RFC 9457 problem+json by each app's onError. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly detail: string | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? errorCodes[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.expose = options.expose ?? this.status < 500;
    this.detail = options.detail;
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
