import { ApiError, type ApiErrorCode, type ProblemField } from './api-error.js';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Sent as `Authorization: Bearer`: an id, queue or access token depending on the route. */
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A hung request would freeze the waiting room's poll loop; give up and let the loop retry. */
const REQUEST_TIMEOUT_MS = 15_000;

/** Same-origin JSON call; every failure is thrown as an ApiError. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Connection problem',
      detail: 'We could not reach Banjjak. Check your connection and try again.',
    });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  throw await readProblem(response);
}

async function readProblem(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const body: unknown = await response.json().catch(() => undefined);
  if (isProblem(body)) {
    return new ApiError({
      status: response.status,
      code: body.code as ApiErrorCode,
      title: body.title,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      retryAfterSeconds,
      fields: problemFields(body.fields),
    });
  }
  // A proxy or CDN error page rather than one of ours.
  return new ApiError({
    status: response.status,
    code: 'unexpected_response',
    title: response.status >= 500 ? 'The service is having trouble' : 'Request failed',
    detail: `The server answered ${response.status}. Please try again in a moment.`,
    retryAfterSeconds,
  });
}

/** `validation_failed` lists `fields: [{ path, message }]`; anything else there is ignored. */
function problemFields(value: unknown): ProblemField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((field: unknown) => {
    if (typeof field !== 'object' || field === null) return [];
    const { path, message } = field as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

function isProblem(body: unknown): body is { code: string; title: string; detail?: unknown; fields?: unknown } {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.title === 'string';
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
