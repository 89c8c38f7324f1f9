import { buildEvent } from './build-event.js';
import type { Scenario } from './scenario.js';
import { sleep } from './sleep.js';
import { visitorJourney } from './visitor-journey.js';

/** Share of bookers that send their booking a second time with the same key. */
const REPLAY_SHARE = 0.05;

/**
 * Everyone arrives within a couple of seconds (a stream host says "now!"), each with a random
 * offset, and walks the whole journey: guest identity, join, poll, admit, book one place. The
 * line drains at the event's rate; the run ends when every visitor is done or the budget is spent.
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
    const burstMs = Math.min(2_000, (ctx.options.durationSeconds * 1000) / 4);
    const journeys = Array.from({ length: ctx.options.visitors }, async () => {
      try {
        await sleep(Math.random() * burstMs, ctx.signal);
      } catch {
        return;
      }
      await visitorJourney(ctx, REPLAY_SHARE);
    });
    await Promise.all(journeys);
  },
};
