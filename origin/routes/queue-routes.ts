import { Hono } from 'hono';
import {
  AppError,
  assertEvent,
  eventPhase,
  STATE_REFRESH_MS,
  visitorStatus,
  type JoinResponse,
  type QueueState,
} from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import type { EventService } from '../events/event-service.js';
import type { OriginEnv } from '../http/env.js';
import { requireIdentity } from '../http/require-identity.js';
import { requireToken } from '../http/require-token.js';

export function queueRoutes(deps: OriginDeps, events: EventService) {
  const { queue, tokens, clock } = deps;

  async function state(record: EventRecord): Promise<QueueState> {
    const { snapshot, status } = await events.live(record);
    return {
      eventId: record.id,
      status,
      servingSeq: snapshot.servingSeq,
      tailSeq: snapshot.tailSeq,
      admitRatePerMinute: record.admission.newUsersPerMinute,
      refreshAfterMs: STATE_REFRESH_MS,
      startsAt: record.startsAt,
      updatedAt: new Date(clock.now()).toISOString(),
    };
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
    .post('/:eventId/join', requireIdentity(deps), async (c) => {
      const identity = c.get('idClaims');
      const record = await events.find(c.req.param('eventId'));
      if (!record.guestsAllowed && identity.idk === 'guest') throw new AppError('members_only');
      if (eventPhase(record, clock.now()) === 'scheduled') throw new AppError('not_started', { detail: 'the line opens at the pre-queue start' });
      // The upkeep runs the draw if it is due; a join that still meets it was beaten to it by
      // another instance, whose draw is landing now: the visitor is told so and asks again.
      await events.upkeep.sync(record);
      const result = await events.upkeep.join(record, identity.sub);
      if (result.kind === 'closed') throw new AppError('event_closed');
      if (result.kind === 'soldout') throw new AppError('sold_out');
      const seq = result.kind === 'placed' ? result.seq : null;
      const { token } = await tokens.sign('queue', { sub: identity.sub, evt: record.id, seq }, deps.settings.queueTokenSeconds);
      const body: JoinResponse = { queueToken: token, seq, status: visitorStatus(seq, await state(record), clock.now()).status };
      c.header('cache-control', 'no-store');
      return c.json(body, result.kind !== 'draw_pending' && result.created ? 201 : 200);
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
          throw new AppError('at_capacity', { headers: { 'retry-after': '5' } });
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
