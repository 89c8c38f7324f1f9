import { buildEvent } from './build-event.js';
import { runLimited } from './run-limited.js';
import type { Scenario } from './scenario.js';
import { arrive, isRunStop } from './visitor-journey.js';

/**
 * The two hot polling paths only, at a fixed concurrency and no think time: `--concurrency`
 * pollers alternate the cached `state` document and the token-checked `status`, for the whole
 * duration. The queue tokens come from `--visitors` visitors who join first; the event admits
 * slowly so most of them stay in line and `status` computes a real position.
 */
export const pollStorm: Scenario = {
  description: 'only the cached state and status endpoints, at a fixed concurrency with no think time',
  event: (options, nowMs) =>
    buildEvent({
      title: `Load test: poll storm, ${options.concurrency} pollers`,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      queueAll: true,
      maxActiveUsers: 1000,
      itemSize: 50,
      openSeconds: options.durationSeconds,
      nowMs,
    }),
  budgetSeconds: (options) => options.durationSeconds + 30,
  async run(ctx) {
    const tokens: string[] = [];
    const visitors = Array.from({ length: ctx.options.visitors }, () => ctx.journal.newVisitor());
    await runLimited(visitors, Math.min(ctx.options.concurrency, 64), async (visitor) => {
      const arrival = await arrive(ctx, visitor);
      if (arrival) tokens.push(arrival.queueToken);
    });
    if (tokens.length === 0) throw new Error('poll-storm: no visitor could join the line');
    ctx.log(`poll-storm: ${tokens.length} queue tokens; ${ctx.options.concurrency} pollers for ${ctx.options.durationSeconds} s`);
    const until = ctx.journal.now() + ctx.options.durationSeconds * 1000;
    const statePath = `/api/queue/${ctx.event.id}/state`;
    const statusPath = `/api/queue/${ctx.event.id}/status`;
    const poller = async (index: number) => {
      try {
        for (let i = index; ctx.journal.now() < until; i += 1) {
          if (i % 2 === 0) await ctx.client.request({ endpoint: 'queue.state', method: 'GET', path: statePath, signal: ctx.signal });
          else await ctx.client.request({ endpoint: 'queue.status', method: 'GET', path: statusPath, token: tokens[i % tokens.length], signal: ctx.signal });
        }
      } catch (error) {
        if (!isRunStop(ctx, error)) throw error;
      }
    };
    await Promise.all(Array.from({ length: ctx.options.concurrency }, (_, index) => poller(index)));
  },
};
