import {
  STATE_REFRESH_MS,
  visitorStatus,
  type AdmitResponse,
  type IdentityResponse,
  type JoinResponse,
  type QueueState,
  type VisitorStatusResponse,
} from '../../core/index.js';
import { BudgetExhausted } from '../client/load-client.js';
import { requestWithRetry } from '../client/request-with-retry.js';
import { shapes } from '../client/response-shapes.js';
import type { AskResult, VisitorRecord } from '../journal/visitor-journal.js';
import { bookPlace } from './book-place.js';
import type { ScenarioContext } from './scenario.js';
import { jitter, sleep } from './sleep.js';

export interface Arrival {
  userId: string;
  queueToken: string;
}

/** A guest identity and a place in line, as the web app gets them when a phone arrives. */
export async function arrive(ctx: ScenarioContext, visitor: VisitorRecord): Promise<Arrival | undefined> {
  const { client, journal, signal } = ctx;
  const guest = await requestWithRetry(client, { endpoint: 'auth.guest', method: 'POST', path: '/api/auth/guest', shape: shapes.identity, signal });
  if (!guest.ok) return journal.finish(visitor, 'failed');
  const identity = guest.body as IdentityResponse;
  visitor.userId = identity.userId;
  const join = await requestWithRetry(client, {
    endpoint: 'queue.join',
    method: 'POST',
    path: `/api/queue/${ctx.event.id}/join`,
    token: identity.idToken,
    expect: ['sold_out', 'event_closed'],
    shape: shapes.joined,
    signal,
  });
  if (join.ok) {
    const placed = join.body as JoinResponse;
    visitor.seq = placed.seq;
    journal.counts.joined += 1;
    return { userId: identity.userId, queueToken: placed.queueToken };
  }
  if (join.code === 'sold_out') journal.soldOutSeen.add('event');
  journal.finish(visitor, join.code === 'sold_out' ? 'sold_out' : join.code === 'event_closed' ? 'closed' : 'failed');
  return undefined;
}

const askResults: Record<string, AskResult> = { not_ready: 'not_ready', at_capacity: 'at_capacity', sold_out: 'sold_out', event_closed: 'event_closed' };

/** One `POST /admit`, journaled with the times that bracket it (the admission-order check reads them). */
export async function askAdmission(ctx: ScenarioContext, visitor: VisitorRecord, queueToken: string) {
  const sentAt = ctx.journal.now();
  const response = await ctx.client.request({
    endpoint: 'queue.admit',
    method: 'POST',
    path: `/api/queue/${ctx.event.id}/admit`,
    token: queueToken,
    expect: ['not_ready', 'at_capacity', 'sold_out', 'event_closed'],
    shape: shapes.admitted,
    signal: ctx.signal,
  });
  const result: AskResult = response.ok ? 'admitted' : (askResults[response.code ?? ''] ?? 'error');
  const servingSeq = (response.body as { servingSeq?: unknown } | undefined)?.servingSeq;
  visitor.asks.push({ sentAt, answeredAt: ctx.journal.now(), result, ...(typeof servingSeq === 'number' && { servingSeq }) });
  if (result === 'admitted') ctx.journal.counts.admitted += 1;
  if (result === 'sold_out') ctx.journal.soldOutSeen.add('event');
  return { result, accessToken: result === 'admitted' ? (response.body as AdmitResponse).accessToken : undefined, retryAfterSeconds: response.retryAfterSeconds };
}

/**
 * Waits as the web app does: reads the cached `state` every `refreshAfterMs` (computed with core's
 * `visitorStatus`, the edge's own function), cross-checks with `status` on the first and every
 * third poll, and asks to be admitted once its seq is served. Returns an access token, or
 * undefined once the visitor is done (sold out, closed).
 */
export async function waitForAdmission(ctx: ScenarioContext, visitor: VisitorRecord, queueToken: string): Promise<string | undefined> {
  const { client, journal, signal } = ctx;
  for (let tick = 0; ; tick += 1) {
    let ready = false;
    let waitMs = STATE_REFRESH_MS * 2;
    const state = await client.request({ endpoint: 'queue.state', method: 'GET', path: `/api/queue/${ctx.event.id}/state`, shape: shapes.queueState, signal });
    let mine: VisitorStatusResponse | undefined = state.ok ? visitorStatus(visitor.seq, state.body as QueueState, Date.now()) : undefined;
    if (tick % 3 === 0 && mine?.status !== 'ready') {
      const status = await client.request({ endpoint: 'queue.status', method: 'GET', path: `/api/queue/${ctx.event.id}/status`, token: queueToken, shape: shapes.visitorStatus, signal });
      if (status.ok) mine = status.body as VisitorStatusResponse;
    }
    if (mine) {
      if (mine.status === 'soldout') {
        journal.soldOutSeen.add('event');
        return journal.finish(visitor, 'sold_out');
      }
      if (mine.status === 'closed') return journal.finish(visitor, 'closed');
      ready = mine.status === 'ready';
      waitMs = mine.refreshAfterMs;
    }
    if (ready) {
      const ask = await askAdmission(ctx, visitor, queueToken);
      if (ask.accessToken) return ask.accessToken;
      if (ask.result === 'sold_out') return journal.finish(visitor, 'sold_out');
      if (ask.result === 'event_closed') return journal.finish(visitor, 'closed');
      // not_ready: the edge judged by a state up to a second old; at_capacity says when to come back.
      waitMs = ask.result === 'at_capacity' ? (ask.retryAfterSeconds ?? 5) * 1000 : STATE_REFRESH_MS;
    }
    await sleep(jitter(waitMs), signal);
  }
}

/** True for the ways a run ends a journey early (time budget, request budget): not failures. */
export function isRunStop(ctx: ScenarioContext, error: unknown): boolean {
  return error instanceof BudgetExhausted || ctx.signal.aborted;
}

/** A whole visit: arrive, wait, get in, book one place. */
export async function visitorJourney(ctx: ScenarioContext, replayShare: number): Promise<void> {
  const visitor = ctx.journal.newVisitor();
  try {
    const arrival = await arrive(ctx, visitor);
    if (!arrival) return;
    const accessToken = await waitForAdmission(ctx, visitor, arrival.queueToken);
    if (!accessToken) return;
    await bookPlace(ctx, visitor, { userId: arrival.userId, accessToken }, replayShare);
  } catch (error) {
    if (isRunStop(ctx, error)) return;
    ctx.journal.finish(visitor, 'failed');
    ctx.journal.crashes.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
