import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { isDefinitiveAnswer, submitBooking } from './submit-booking.js';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 't', title: code, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
  });

describe('submitBooking', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('replays the same key while the first request is still being processed', async () => {
    vi.useFakeTimers();
    const booking = { id: 'bk-1', eventId: 'e', itemId: 'i', userId: 'u', quantity: 1, status: 'confirmed', createdAt: 'now' };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(problem(409, 'not_ready'))
      .mockResolvedValueOnce(Response.json({ booking }, { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const result = submitBooking('e', 'access', 'key-1', { itemId: 'i', quantity: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toEqual(booking);
    const keys = fetchMock.mock.calls.map((call) => (call[1] as RequestInit).headers as Record<string, string>);
    expect(keys.map((headers) => headers['idempotency-key'])).toEqual(['key-1', 'key-1']);
  });

  it('tries the same key again after Retry-After while the last places are held by bookings in progress', async () => {
    vi.useFakeTimers();
    const booking = { id: 'bk-2', eventId: 'e', itemId: 'i', userId: 'u', quantity: 1, status: 'confirmed', createdAt: 'now' };
    const held = () => new Response(JSON.stringify({ type: 't', title: 'x', status: 409, code: 'places_held' }), { status: 409, headers: { 'content-type': 'application/problem+json', 'retry-after': '2' } });
    const fetchMock = vi.fn().mockResolvedValueOnce(held()).mockResolvedValueOnce(held()).mockResolvedValueOnce(Response.json({ booking }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const result = submitBooking('e', 'access', 'key-2', { itemId: 'i', quantity: 1 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_001);
    await expect(result).resolves.toEqual(booking);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(isDefinitiveAnswer(new ApiError({ status: 409, code: 'places_held', title: 'x' }))).toBe(false);
  });

  it('gives up at once on a definitive refusal', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problem(409, 'sold_out')));
    const error = await submitBooking('e', 'access', 'key-1', { itemId: 'i', quantity: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(isDefinitiveAnswer(error as ApiError)).toBe(true);
  });
});

describe('isDefinitiveAnswer', () => {
  it('treats lost answers and in-flight replays as undecided', () => {
    expect(isDefinitiveAnswer(new ApiError({ status: 0, code: 'network_error', title: 'x' }))).toBe(false);
    expect(isDefinitiveAnswer(new ApiError({ status: 503, code: 'origin_unavailable', title: 'x' }))).toBe(false);
    expect(isDefinitiveAnswer(new ApiError({ status: 409, code: 'not_ready', title: 'x' }))).toBe(false);
    expect(isDefinitiveAnswer(new ApiError({ status: 409, code: 'limit_reached', title: 'x' }))).toBe(true);
  });
});
