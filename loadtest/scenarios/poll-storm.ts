import { shapes } from '../client/response-shapes.js';
import { arriveInLine, isRunStop } from '../journey/index.js';
import { buildEvent } from './build-event.js';
import { runArrivals } from './run-arrivals.js';
import { runLimited } from './run-limited.js';
import type { Scenario } from './scenario.js';

/**
 * The web app's poll alone, at a fixed rate: `--visitors` visitors join (the one-request join),
 * then `--rps` `GET /status` with their queue tokens are sent per second for `--duration`, each
 * when it is due whether or not earlier ones were answered (the open model), at most
 * `--concurrency` unanswered at once; a poll sent late is measured from when it was due, and
 * polls still unsent when the duration is over are not sent (the log says how many). The
 * event admits slowly so the visitors stay in line and `/status` computes a real position.
 */
export const pollStorm: Scenario = {
  description: '`GET /status` with queue tokens at a fixed rate (open model), the endpoint every waiting phone polls',
  event: (options, nowMs) =>
    buildEvent({
      title: `Load test: poll storm, ${options.rps} polls/s`,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      queueAll: true,
      maxActiveUsers: 1000,
      itemSize: 50,
      openSeconds: options.durationSeconds,
      nowMs,
    }),
  budgetSeconds: (options) => options.durationSeconds + 30,
  barriers: ['polls'],
  async run(ctx) {
    const tokens: string[] = [];
    const visitors = Array.from({ length: ctx.share.visitors }, () => ctx.journal.newVisitor());
    try {
      await runLimited(visitors, 32, async (visitor) => {
        const arrival = await arriveInLine(ctx, visitor, ctx.client.now());
        if (arrival?.joined) tokens.push(arrival.joined.queueToken);
      });
    } catch (error) {
      if (!isRunStop(ctx, error)) throw error;
    }
    await ctx.barrier('polls');
    if (tokens.length === 0) throw new Error('poll-storm: no visitor of this worker could join the line');
    const count = Math.round(ctx.share.rps * ctx.options.durationSeconds);
    ctx.say(`poll-storm worker ${ctx.share.index + 1}: ${tokens.length} queue tokens, ${ctx.share.rps} polls/s for ${ctx.options.durationSeconds} s`);
    const path = `/api/queue/${ctx.event.id}/status`;
    const windowMs = ctx.options.durationSeconds * 1000;
    const plan = { count, windowMs, offsetOf: (index: number) => (index * 1000) / ctx.share.rps, maxOutstanding: Math.max(1, Math.ceil(ctx.options.concurrency / ctx.share.count)) };
    const sent = await runArrivals(ctx, plan, async (index, dueAt) => {
      try {
        await ctx.client.request({ endpoint: 'queue.status', method: 'GET', path, token: tokens[index % tokens.length], shape: shapes.visitorStatus, intendedAt: dueAt, signal: ctx.signal });
      } catch (error) {
        if (!isRunStop(ctx, error)) throw error;
      }
    });
    if (sent < count) ctx.say(`poll-storm worker ${ctx.share.index + 1}: ${sent} of ${count} polls sent in ${ctx.options.durationSeconds} s; the rest were due while ${plan.maxOutstanding} were unanswered`);
  },
};
