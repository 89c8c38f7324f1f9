import { visitorJourney } from '../journey/index.js';
import { buildEvent } from './build-event.js';
import { runArrivals, uniformArrivals } from './run-arrivals.js';
import type { Scenario } from './scenario.js';

/** After the arrival window, visitors still in line get this long to finish. */
export const SOAK_DRAIN_SECONDS = 30;

/**
 * A steady stream: `visitors` arrive over `duration` seconds at random instants (as independent
 * phones do), each walking the whole journey. The event admits faster than people arrive (see
 * soakRate) and has enough places, so the figures show the platform's steady state.
 */
export const soak: Scenario = {
  description: 'visitors arrive at random instants at a steady rate for the whole duration, each walking the full journey',
  event: (options, nowMs) =>
    buildEvent({
      title: `Load test: soak, ${options.visitors} visitors over ${options.durationSeconds} s`,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      queueAll: true,
      maxActiveUsers: 1000,
      itemSize: 50,
      openSeconds: options.durationSeconds + SOAK_DRAIN_SECONDS,
      nowMs,
    }),
  budgetSeconds: (options) => options.durationSeconds + SOAK_DRAIN_SECONDS,
  async run(ctx) {
    await runArrivals(ctx, uniformArrivals(ctx.share.visitors, ctx.options.durationSeconds * 1000), (_index, dueAt) => visitorJourney(ctx, 0.05, dueAt));
  },
};
