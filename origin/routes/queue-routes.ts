import { Hono } from 'hono';
import {
  AppError,
  assertEvent,
  eventPhase,
  eventStatus,
  STATE_REFRESH_MS,
  type EventStatus,
  visitorStatus,
  type IdClaims,
  type JoinResponse,
  type QueueState,
} from '../../core/index.js';
import { AT_CAPACITY_RETRY_SECONDS, type LineAfterJoin } from '../admission/admission-queue.js';
import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import type { EventService } from '../events/event-service.js';
import type { OriginEnv } from '../http/env.js';
import { presentsCredentials } from '../http/request-bearer.js';
import { requireIdentity } from '../http/require-identity.js';
import { requireToken } from '../http/require-token.js';
import { issueIdentity, newGuestId } from '../identity/issue-identity.js';

/** The waiting room's first screen, computed as `/status` computes it; an ETA is an int or null. */
function firstScreen(seq: number | null, state: QueueState, now: number) {
  const { status, position, etaSeconds, refreshAfterMs } = visitorStatus(seq, state, now);
  return { seq, status, position, etaSeconds: etaSeconds !== null && Number.isFinite(etaSeconds) ? etaSeconds : null, refreshAfterMs };
}

export function queueRoutes(deps: OriginDeps, events: EventService) {
  const { queue, tokens, clock } = deps;
  const identify = requireIdentity(deps);

  function stateOf(record: EventRecord, status: EventStatus, line: { servingSeq: number; tailSeq: number }, now: number): QueueState {
    return {
      eventId: record.id,
      status,
      servingSeq: line.servingSeq,
      tailSeq: line.tailSeq,
      admitRatePerMinute: record.admission.newUsersPerMinute,
      refreshAfterMs: STATE_REFRESH_MS,
      startsAt: record.startsAt,
      updatedAt: new Date(now).toISOString(),
    };
  }

  async function state(record: EventRecord): Promise<QueueState> {
    const { snapshot, status } = await events.live(record);
    return stateOf(record, status, snapshot, clock.now());
  }

  /**
   * The queue state as a join left it, with no second read: the visitor holds a place (or a
   * registration), so the draw is behind them, and the store's sold-out flag stands for the
   * inventory (the upkeep mirrors "every place firmly taken" into it).
   */
  function lineState(record: EventRecord, line: LineAfterJoin): QueueState {
    const now = clock.now();
    const facts = { schedule: record, paused: record.paused, closed: record.closed, drawn: true, prequeued: 0, remaining: line.soldout ? 0 : 1 };
    return stateOf(record, eventStatus(facts, now), line, now);
  }

  return new Hono<OriginEnv>()
    .get('/:eventId/state', async (c) => {
      const body = await state(await events.find(c.req.param('eventId')));
      c.header('cache-control', 'public, max-age=1, s-maxage=1, stale-if-error=30');
      return c.json(body);
    })
    .get('/:eventId/status', requireToken(tokens, 'queue'), async (c) => {
      const claims = c.get('queueClaims');
      assertEvent(claims, c.req.param('eventId'));
      const current = await state(await events.find(claims.evt));
      c.header('cache-control', 'no-store');
      return c.json(visitorStatus(claims.seq, current, clock.now()));
    })
    // Without credentials the join is a new guest's arrival: the identity is minted with the place,
    // one request instead of two (docs/decisions/0010-one-request-join.md).
    .post('/:eventId/join', (c, next) => (presentsCredentials(c) ? identify(c, next) : next()), async (c) => {
      const claims = c.get('idClaims') as IdClaims | undefined;
      const record = await events.find(c.req.param('eventId'));
      if (!record.guestsAllowed && (claims === undefined || claims.idk === 'guest')) throw new AppError('members_only');
      const phase = eventPhase(record, clock.now());
      if (phase === 'scheduled') throw new AppError('not_started', { detail: 'the line opens at the pre-queue start' });
      if (phase === 'ended' || record.closed) {
        // A new guest has no place to come back to. Others may: settle the store's flag first.
        if (claims === undefined) throw new AppError('event_closed');
        await events.upkeep.sync(record);
      }
      const userId = claims?.sub ?? newGuestId(deps);
      // One store request on the hot path; the upkeep steps in only when the store asks for it.
      const result = await events.upkeep.join(record, userId);
      // Refused joins write nothing; a guest's id token is signed only once it has its place.
      if (result.kind === 'closed') throw new AppError('event_closed');
      if (result.kind === 'soldout') throw new AppError('sold_out');
      const seq = result.kind === 'placed' ? result.seq : null;
      const [queueToken, identity, current] = await Promise.all([
        tokens.sign('queue', { sub: userId, evt: record.id, seq }, deps.settings.queueTokenSeconds),
        claims === undefined ? issueIdentity(deps, userId, 'guest') : undefined,
        // A draw still landing (another instance's) is the one case that reads the stores again.
        result.kind === 'draw_pending' ? state(record) : lineState(record, result),
      ]);
      const body: JoinResponse = { queueToken: queueToken.token, ...firstScreen(seq, current, clock.now()), ...(identity && { identity }) };
      c.header('cache-control', 'no-store');
      const created = identity !== undefined || (result.kind !== 'draw_pending' && result.created);
      return c.json(body, created ? 201 : 200);
    })
    .post('/:eventId/admit', requireToken(tokens, 'queue'), async (c) => {
      const claims = c.get('queueClaims');
      assertEvent(claims, c.req.param('eventId'));
      const record = await events.find(claims.evt);
      await events.upkeep.sync(record);
      if (claims.seq === null) throw new AppError('not_ready', { detail: 'join again to receive your place' });
      const result = await queue.admit(record.id, claims.sub, claims.seq, clock.now());
      switch (result.kind) {
        case 'not_ready':
          throw new AppError('not_ready', { extra: { servingSeq: result.servingSeq } });
        case 'at_capacity':
          throw new AppError('at_capacity', { headers: { 'retry-after': String(AT_CAPACITY_RETRY_SECONDS) } });
        case 'closed':
          throw new AppError('event_closed');
        case 'soldout':
          throw new AppError('sold_out');
      }
      const ttl = Math.max(1, Math.floor((result.expiresAt - clock.now()) / 1000));
      const { token, expiresAt } = await tokens.sign('access', { sub: claims.sub, evt: record.id }, ttl);
      c.header('cache-control', 'no-store');
      return c.json({ accessToken: token, expiresAt: new Date(expiresAt).toISOString() });
    });
}
