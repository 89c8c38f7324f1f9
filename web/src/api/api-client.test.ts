import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.js';
import { apiFetch } from './api-client.js';

function respond(status: number, body: string, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers })));
}

describe('apiFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns the JSON body and sends the bearer token', async () => {
    const fetchMock = vi.fn(async () => Response.json({ ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiFetch('/api/x', { token: 'abc', method: 'POST', body: { a: 1 } })).resolves.toEqual({ ok: true });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).toMatchObject({ authorization: 'Bearer abc', 'content-type': 'application/json' });
    expect(init.body).toBe('{"a":1}');
  });

  it('turns a problem document into an ApiError with code, title and detail', async () => {
    respond(409, JSON.stringify({ type: 't', title: 'Sold out', status: 409, code: 'sold_out', detail: 'Slot 10:00 is full' }), {
      'content-type': 'application/problem+json',
      'retry-after': '3',
    });
    const error = await apiFetch('/api/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'sold_out', title: 'Sold out', detail: 'Slot 10:00 is full', retryAfterSeconds: 3 });
    expect((error as ApiError).outcomeUnknown).toBe(false);
  });

  it('keeps the failing fields of a validation_failed problem, and only well-formed ones', async () => {
    const fields = [{ path: 'admission.newUsersPerMinute', message: 'Too small' }, { path: 3 }, 'items', { path: 'items.0.id', message: 'duplicate item id' }];
    respond(400, JSON.stringify({ type: 't', title: 'Invalid request', status: 400, code: 'validation_failed', fields }), { 'content-type': 'application/problem+json' });
    const error = (await apiFetch('/api/x').catch((caught: unknown) => caught)) as ApiError;
    expect(error.fields).toEqual([
      { path: 'admission.newUsersPerMinute', message: 'Too small' },
      { path: 'items.0.id', message: 'duplicate item id' },
    ]);
  });

  it('reports a non-problem error page as unexpected_response with an unknown outcome', async () => {
    respond(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' });
    const error = (await apiFetch('/api/x').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('unexpected_response');
    expect(error.outcomeUnknown).toBe(true);
  });

  it('reports a dropped connection as network_error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await apiFetch('/api/x').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('network_error');
    expect(error.outcomeUnknown).toBe(true);
  });
});
