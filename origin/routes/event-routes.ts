import { Hono } from 'hono';
import { AppError, catalogQuerySchema, fairnessQuerySchema, type CatalogResponse } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import { decodeCatalogCursor, encodeCatalogCursor } from '../events/catalog-cursor.js';
import type { EventService } from '../events/event-service.js';
import { createFairnessReport } from '../events/fairness-report.js';
import type { OriginEnv } from '../http/env.js';
import { validateQuery } from '../http/validate-json.js';

/** Public, cacheable reads: the catalog (~30 s at the CDN), event and channel JSON (1 s), a draw's evidence. */
export function eventRoutes(deps: OriginDeps, events: EventService) {
  const fairness = createFairnessReport(deps, events);
  return new Hono<OriginEnv>()
    .get('/catalog', validateQuery(catalogQuerySchema), async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await deps.ledger.listCatalogEvents({ limit, ...(cursor && { after: decodeCatalogCursor(cursor) }) });
      const views = await Promise.all(page.events.map((record) => events.view(record)));
      const body: CatalogResponse = {
        // An event past its end stays listed until the upkeep tick closes it; visitors never see it.
        events: views.filter((view) => view.status !== 'closed'),
        channels: await deps.channels.list(),
        ...(page.next && { nextCursor: encodeCatalogCursor(page.next) }),
      };
      c.header('cache-control', 'public, max-age=5, s-maxage=30, stale-while-revalidate=60, stale-if-error=300');
      return c.json(body);
    })
    .get('/events/:eventId', async (c) => {
      const view = await events.view(await events.find(c.req.param('eventId')));
      // Phones revalidate every time (a cheap 304 with the edge's ETag), so a visitor who just booked
      // never sees the count from before; the CDN keeps it for a second.
      c.header('cache-control', 'public, max-age=0, s-maxage=1, stale-if-error=30');
      return c.json(view);
    })
    .get('/events/:eventId/fairness', validateQuery(fairnessQuerySchema), async (c) => {
      const { view, final } = await fairness(c.req.param('eventId'), c.req.valid('query').part);
      // A recorded draw never changes: kept for good. Before it, as fresh as the event JSON.
      c.header('cache-control', final ? 'public, max-age=3600, s-maxage=86400, immutable' : 'public, max-age=0, s-maxage=1, stale-if-error=30');
      return c.json(view);
    })
    .get('/channels/:channelId', async (c) => {
      const channel = await deps.channels.get(c.req.param('channelId'));
      if (!channel) throw new AppError('channel_not_found');
      // Pins, status and counts: a second at the CDN, so a poll storm costs one origin read a second
      // per edge cache and a new pin shows within 2 s; phones revalidate (a 304 most of the time).
      c.header('cache-control', 'public, max-age=0, s-maxage=1, stale-if-error=30');
      return c.json(channel);
    });
}
