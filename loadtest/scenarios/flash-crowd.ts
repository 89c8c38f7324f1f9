import { visitorJourney } from '../journey/index.js';
import { buildEvent } from './build-event.js';
import { runArrivals, uniformArrivals } from './run-arrivals.js';
import type { Scenario } from './scenario.js';

/** Share of bookers that send their booking a second time with the same key. */
const REPLAY_SHARE = 0.05;

/**
 * Everyone arrives within `--burst` seconds (a stream host says "now!"), at random instants, and
 * walks the web app's whole journey. The line drains at the event's rate; the run ends when every
 * visitor is done or the budget is spent.
 */
export const flashCrowd: Scenario = {
  description: 'visitors arrive in a burst, wait their turn in the queue and book one place each',
  event: (options, nowMs) =>
    buildEvent({
      title: `Load test: flash crowd of ${options.visitors}`,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      queueAll: true,
      maxActiveUsers: 1000,
      itemSize: 50,
      openSeconds: options.durationSeconds,
      nowMs,
    }),
  budgetSeconds: (options) => options.durationSeconds,
  async run(ctx) {
    const burstMs = ctx.options.burstSeconds * 1000;
    await runArrivals(ctx, uniformArrivals(ctx.share.visitors, burstMs), (_index, dueAt) => visitorJourney(ctx, REPLAY_SHARE, dueAt));
  },
};
