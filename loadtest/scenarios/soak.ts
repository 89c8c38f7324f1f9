import { buildEvent } from './build-event.js';
import type { Scenario } from './scenario.js';
import { sleep } from './sleep.js';
import { visitorJourney } from './visitor-journey.js';

/** After the arrival window, visitors still in line get this long to finish. */
export const SOAK_DRAIN_SECONDS = 30;

/**
 * A steady stream: `visitors` arrive over `duration` seconds at random instants (as independent
 * phones do), each walking the whole journey. The event
 * admits faster than people arrive (see soakRate) and has enough places, so the line stays short
 * and the figures show the platform's steady state rather than a sell-out.
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
    // N uniform instants, sorted: a Poisson process conditioned on exactly N arrivals in the window,
    // so the gaps are as random as independent phones' and the count is the one asked for.
    const windowMs = ctx.options.durationSeconds * 1000;
    const arrivals = Array.from({ length: ctx.options.visitors }, () => Math.random() * windowMs).sort((a, b) => a - b);
    const journeys: Promise<void>[] = [];
    const start = ctx.journal.now();
    for (const due of arrivals) {
      const lateBy = due - (ctx.journal.now() - start);
      if (lateBy > 0) {
        try {
          await sleep(lateBy, ctx.signal);
        } catch {
          break;
        }
      }
      journeys.push(visitorJourney(ctx, 0.05));
    }
    await Promise.all(journeys);
  },
};
