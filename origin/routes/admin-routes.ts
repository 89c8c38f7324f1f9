import { Hono } from 'hono';
import { adminEventListQuerySchema, AppError, createEventSchema, createReplaySchema, featuredRequestSchema, patchEventSchema, type KeyRotation } from '../../core/index.js';
import { toPublicBooking } from '../bookings/booking-service.js';
import { checkFeatured } from '../channels/check-featured.js';
import type { OriginDeps } from '../deps.js';
import type { EventService } from '../events/event-service.js';
import { readEventStats } from '../events/event-stats.js';
import { createAdminEventList } from '../events/list-admin-events.js';
import type { OriginEnv } from '../http/env.js';
import { requireOperator } from '../http/require-operator.js';
import { validateJson, validateQuery } from '../http/validate-json.js';
import type { ReplayService } from '../replays/replay-service.js';
import { createSimulatedReplay } from '../replays/simulated-replays.js';

/** The operator API: list and create events, turn the admission knobs, feature products on channels, read the numbers. */
export function adminRoutes(deps: OriginDeps, events: EventService, replays: ReplayService) {
  const listEvents = createAdminEventList(deps, events);
  return new Hono<OriginEnv>()
    .use(requireOperator(deps.settings.adminToken))
    .use(async (c, next) => {
      await next();
      c.header('cache-control', 'no-store');
    })
    .get('/events', validateQuery(adminEventListQuerySchema), async (c) => c.json(await listEvents(c.req.valid('query'))))
    .post('/events', validateJson(createEventSchema), async (c) => {
      const record = await events.create(c.req.valid('json'));
      return c.json(await events.view(record), 201);
    })
    .patch('/events/:eventId', validateJson(patchEventSchema), async (c) => {
      const record = await events.patch(c.req.param('eventId'), c.req.valid('json'));
      return c.json(await events.view(record));
    })
    .get('/events/:eventId/bookings', async (c) => {
      const record = await events.find(c.req.param('eventId'));
      const bookings = await deps.ledger.listBookingsByEvent(record.id);
      return c.json({ bookings: bookings.map(toPublicBooking) });
    })
    .put('/channels/:channelId/featured', validateJson(featuredRequestSchema), async (c) => {
      const channelId = c.req.param('channelId');
      if (!deps.channels.config(channelId)) throw new AppError('channel_not_found');
      const { products } = c.req.valid('json');
      await checkFeatured(events.find, products);
      return c.json(await deps.channels.setFeatured(channelId, products));
    })
    .post('/channels/:channelId/replays', validateJson(createReplaySchema), async (c) => {
      const { created, replay } = await createSimulatedReplay(replays, c.req.param('channelId'), c.req.valid('json'));
      return c.json(replay, created ? 201 : 200);
    })
    .post('/keys/rotate', async (c) => {
      if (!deps.signingKeys) throw new AppError('not_found', { detail: 'this origin has fixed signing keys' });
      const keys = await deps.signingKeys.rotate();
      const rotation: KeyRotation = { activeKid: keys.active.kid, kids: keys.all.map((key) => key.kid), rotatedAt: keys.active.createdAt };
      return c.json(rotation, 201);
    })
    .get('/events/:eventId/stats', async (c) => {
      const record = await events.find(c.req.param('eventId'));
      return c.json((await readEventStats(record, { live: events.live, ledger: deps.ledger })).stats);
    });
}
