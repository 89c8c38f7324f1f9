import { Hono } from 'hono';
import { AppError, QOE_WINDOW_SECONDS, qoeRequestSchema, type QoeSummary } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { requireOperator } from '../http/require-operator.js';
import { validateJson } from '../http/validate-json.js';
import type { QoeStore } from '../qoe/qoe-store.js';

/** Players' playback quality beacons, summed; the operator reads a channel's last 10 minutes. */
export function qoeRoutes(deps: OriginDeps, store: QoeStore) {
  return new Hono<OriginEnv>()
    .post('/qoe', validateJson(qoeRequestSchema), async (c) => {
      const { beacons } = c.req.valid('json');
      // The whole batch or nothing: one unknown channel refuses it before anything is counted.
      const unknown = beacons.findIndex((beacon) => beacon.channelId !== undefined && !deps.channels.config(beacon.channelId));
      if (unknown >= 0) throw new AppError('channel_not_found', { detail: `beacons.${unknown}.channelId: no such channel` });
      // A replayId is taken on its syntax alone until replays exist to check it against.
      await store.record(beacons, deps.clock.now());
      c.header('cache-control', 'no-store');
      return c.body(null, 202);
    })
    .get('/admin/channels/:channelId/qoe', requireOperator(deps.settings.adminToken), async (c) => {
      const channelId = c.req.param('channelId');
      if (!deps.channels.config(channelId)) throw new AppError('channel_not_found');
      const now = deps.clock.now();
      const [window, viewers] = await Promise.all([store.summary({ kind: 'channel', id: channelId }, now), deps.channels.counters.viewers(channelId, now)]);
      const summary: QoeSummary = { channelId, windowSeconds: QOE_WINDOW_SECONDS, ...window, viewers };
      c.header('cache-control', 'no-store');
      return c.json(summary);
    });
}
