import type { Booking, CreateEventInput, EventStats, EventView } from '../../core/index.js';
import type { LoadClient, LoadResponse } from '../client/load-client.js';
import { shapes } from '../client/response-shapes.js';

/** An operator call that failed: the run cannot go on without it, so it stops with this message. */
export class OperatorError extends Error {
  constructor(what: string, response: LoadResponse) {
    const body = response.body === undefined ? '' : ` ${JSON.stringify(response.body).slice(0, 300)}`;
    super(`${what} failed: HTTP ${response.status || 'no answer'} ${response.code ?? ''}${body}`.trim());
    this.name = 'OperatorError';
  }
}

export type OperatorApi = ReturnType<typeof createOperatorApi>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The operator API through the edge, as an operator's console would call it. */
export function createOperatorApi(client: LoadClient, adminToken: string) {
  const call = (endpoint: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, timeoutMs = 10_000) =>
    client.request({ endpoint, method, path, token: adminToken, body, record: false, timeoutMs });

  return {
    /** `GET /api/health` with a short timeout, so an unreachable target fails in seconds. */
    async probe(): Promise<{ ok: true } | { ok: false; reason: string }> {
      const response = await client.request({ endpoint: 'health', method: 'GET', path: '/api/health', record: false, timeoutMs: 3_000 });
      if (response.status === 200) return { ok: true };
      return { ok: false, reason: response.status === 0 ? `no answer (${response.failure ?? response.code ?? 'network error'})` : `HTTP ${response.status}` };
    },

    async createEvent(input: CreateEventInput): Promise<EventView> {
      const response = await call('admin.create', 'POST', '/api/admin/events', input);
      if (response.status !== 201) throw new OperatorError(`POST /api/admin/events`, response);
      return response.body as EventView;
    },

    async closeEvent(eventId: string): Promise<void> {
      await call('admin.patch', 'PATCH', `/api/admin/events/${eventId}`, { closed: true });
    },

    /** Undefined when the stats cannot be read or do not have the shape of EventStats. */
    async stats(eventId: string, timeoutMs = 5_000): Promise<EventStats | undefined> {
      const response = await call('admin.stats', 'GET', `/api/admin/events/${eventId}/stats`, undefined, timeoutMs);
      return response.status === 200 && shapes.eventStats.safeParse(response.body).success ? (response.body as EventStats) : undefined;
    },

    /**
     * Every booking of the event from the ledger. `missing` when the target has no such route
     * (404 `not_found`, as opposed to `event_not_found`). Follows `nextCursor` if the target pages.
     */
    async listBookings(eventId: string): Promise<Booking[] | 'missing'> {
      const bookings: Booking[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100_000; page += 1) {
        const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
        const response = await call('admin.bookings', 'GET', `/api/admin/events/${eventId}/bookings${query}`, undefined, 60_000);
        if (response.status === 404 && response.code === 'not_found') return 'missing';
        if (response.status !== 200 || !isObject(response.body) || !Array.isArray(response.body.bookings)) {
          throw new OperatorError(`GET /api/admin/events/${eventId}/bookings`, response);
        }
        bookings.push(...(response.body.bookings as Booking[]));
        const next = response.body.nextCursor;
        if (typeof next !== 'string' || next === '') return bookings;
        cursor = next;
      }
      return bookings;
    },
  };
}
