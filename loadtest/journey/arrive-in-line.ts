import type { JoinResponse } from '../../core/index.js';
import { requestWithRetry } from '../client/request-with-retry.js';
import { shapes } from '../client/response-shapes.js';
import type { JourneyContext } from './journey-context.js';
import type { VisitorRecord } from './journey-log.js';

export interface Identity {
  idToken: string;
  userId: string;
}

export interface Arrival {
  identity: Identity;
  /** The one-request join's answer: the waiting room's first screen, no poll needed before its `refreshAfterMs`. */
  joined?: JoinResponse;
}

/** Refusals the web app answers by becoming a guest the two-request way and letting its waiting room meet them. */
const EVENT_REFUSALS = new Set(['not_started', 'sold_out', 'event_closed', 'members_only', 'rate_limited']);

/**
 * web/src/routes/queue-page.tsx + web/src/queue/arrive-in-line.ts: the page loads the event, then
 * a visitor with no identity joins without a token and gets a guest identity and a place in one
 * request. On an event refusal it gets a guest from `POST /api/auth/guest` instead (the waiting
 * room's join then meets the refusal); a failed request is retried as a person taps Retry.
 */
export async function arriveInLine(ctx: JourneyContext, visitor: VisitorRecord, arrivalAt: number): Promise<Arrival | undefined> {
  const { client, log, signal } = ctx;
  const page = await requestWithRetry(client, { endpoint: 'events.get', method: 'GET', path: `/api/events/${ctx.eventId}`, shape: shapes.eventView, intendedAt: arrivalAt, signal });
  if (!page.ok) return log.finish(visitor, 'failed');
  const join = await requestWithRetry(client, {
    endpoint: 'queue.join',
    method: 'POST',
    path: `/api/queue/${ctx.eventId}/join`,
    expect: ['sold_out', 'event_closed'],
    shape: shapes.guestJoined,
    intendedAt: client.now(),
    signal,
  });
  if (join.ok) {
    const joined = join.body as JoinResponse & { identity: Identity };
    log.joined(visitor, joined.identity.userId, joined.seq);
    return { identity: joined.identity, joined };
  }
  if (!EVENT_REFUSALS.has(join.code ?? '')) return log.finish(visitor, 'failed');
  const guest = await requestWithRetry(client, { endpoint: 'auth.guest', method: 'POST', path: '/api/auth/guest', shape: shapes.identity, signal });
  if (!guest.ok) return log.finish(visitor, 'failed');
  return { identity: guest.body as Identity };
}
