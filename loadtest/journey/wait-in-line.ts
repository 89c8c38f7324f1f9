import type { JoinResponse, VisitorStatusResponse } from '../../core/index.js';
import type { LoadResponse } from '../client/load-client.js';
import { isTransient } from '../client/request-with-retry.js';
import { shapes } from '../client/response-shapes.js';
import type { Arrival } from './arrive-in-line.js';
import { askAdmission } from './ask-admission.js';
import type { JourneyContext } from './journey-context.js';
import type { VisitorRecord } from './journey-log.js';
import { jitter, sleep, webTimings as web } from './pace.js';

export interface Access {
  userId: string;
  accessToken: string;
}

interface Ticket {
  queueToken: string;
  seq: number | null;
}

/** Stop waiting: let in (an access token), or done (sold out, closed, failed: already journaled). */
type Step = { done: true; access?: Access } | { done: false };
const keepWaiting: Step = { done: false };
const over: Step = { done: true };

const screenOf = ({ status, seq, position, etaSeconds, refreshAfterMs }: JoinResponse): VisitorStatusResponse => ({ status, seq, position, etaSeconds, refreshAfterMs });

/**
 * The waiting room of web/src/queue/create-waiting-room.ts, tick for tick: the arrival's join
 * answer is the first screen (no request), a join with the id token when there is no ticket, else
 * `GET /status` with the queue token; the next tick comes `refreshAfterMs` (the last answer's own,
 * ±10 %) later. `ready` trades the queue token at `/admit`; errors are handled as the web app
 * handles them (rejoin on a refused token, `Retry-After`, doubling backoff on no answer).
 */
export async function waitInLine(ctx: JourneyContext, visitor: VisitorRecord, arrival: Arrival): Promise<Access | undefined> {
  const { client, log, signal, eventId } = ctx;
  const { identity } = arrival;
  let ticket: Ticket | undefined = arrival.joined && { queueToken: arrival.joined.queueToken, seq: arrival.joined.seq };
  let firstScreen = arrival.joined;
  let delay: number = web.initialDelayMs;
  let tokenRefusals = 0;

  const handle = (response: LoadResponse): Step => {
    switch (response.code) {
      case 'invalid_token':
      case 'wrong_event':
      case 'wrong_token_type':
        // A stale queue token: rejoining with the same identity gives back the same place.
        if (++tokenRefusals > web.maxTokenRefusals) return log.finish(visitor, 'failed') ?? over;
        ticket = undefined;
        delay = web.rejoinDelayMs;
        return keepWaiting;
      case 'not_started':
        delay = web.initialDelayMs;
        return keepWaiting;
      case 'event_paused':
        delay = web.pausedDelayMs;
        return keepWaiting;
      case 'sold_out':
        log.soldOut('event');
        return log.finish(visitor, 'sold_out') ?? over;
      case 'event_closed':
        return log.finish(visitor, 'closed') ?? over;
      case 'rate_limited':
        delay = (response.retryAfterSeconds ?? web.rateLimitedDefaultSeconds) * 1000;
        return keepWaiting;
      default:
        if (!isTransient(response)) return log.finish(visitor, 'failed') ?? over;
        delay = Math.min(web.maxBackoffMs, Math.max(web.minBackoffMs, delay * 2));
        return keepWaiting;
    }
  };

  const admit = async (current: Ticket, intendedAt: number): Promise<Step> => {
    const ask = await askAdmission(ctx, visitor, current.queueToken, intendedAt);
    if (ask.accessToken) return { done: true, access: { userId: identity.userId, accessToken: ask.accessToken } };
    // not_ready: the edge saw our turn a moment early; keep polling at the last refreshAfterMs.
    if (ask.result === 'not_ready') return keepWaiting;
    if (ask.result === 'at_capacity') {
      delay = (ask.response.retryAfterSeconds ?? web.atCapacityDefaultSeconds) * 1000;
      return keepWaiting;
    }
    return handle(ask.response);
  };

  const show = async (current: Ticket, next: VisitorStatusResponse): Promise<Step> => {
    if (next.rejoin) {
      ticket = undefined;
      delay = web.rejoinDelayMs;
      return keepWaiting;
    }
    delay = next.refreshAfterMs;
    if (next.status === 'ready' || next.status === 'admitted') return admit(current, client.now());
    if (next.status === 'soldout') {
      log.soldOut('event');
      return log.finish(visitor, 'sold_out') ?? over;
    }
    if (next.status === 'closed') return log.finish(visitor, 'closed') ?? over;
    return keepWaiting;
  };

  const step = async (intendedAt: number, waitedMs: number): Promise<Step> => {
    const held = ticket;
    if (held && firstScreen) {
      const answer = firstScreen;
      firstScreen = undefined;
      return show(held, screenOf(answer));
    }
    if (!held) {
      const join = await client.request({
        endpoint: 'queue.join',
        method: 'POST',
        path: `/api/queue/${eventId}/join`,
        token: identity.idToken,
        expect: ['sold_out', 'event_closed'],
        shape: shapes.joined,
        intendedAt,
        signal,
      });
      if (!join.ok) return handle(join);
      const answer = join.body as JoinResponse;
      ticket = { queueToken: answer.queueToken, seq: answer.seq };
      log.joined(visitor, identity.userId, answer.seq);
      return show(ticket, screenOf(answer));
    }
    const status = await client.request({
      endpoint: 'queue.status',
      method: 'GET',
      path: `/api/queue/${eventId}/status`,
      token: held.queueToken,
      shape: shapes.visitorStatus,
      intendedAt,
      expectedIntervalMs: waitedMs,
      signal,
    });
    if (!status.ok) return handle(status);
    tokenRefusals = 0;
    return show(held, status.body as VisitorStatusResponse);
  };

  // The poll loop's leading tick runs at once; each next one waits the delay the last answer set.
  let intendedAt = client.now();
  let waited = 0;
  for (;;) {
    const result = await step(intendedAt, waited);
    if (result.done) return result.access;
    waited = jitter(delay);
    intendedAt = client.now() + waited;
    await sleep(waited, signal);
  }
}
