import type { BookingResponse } from '../../core/index.js';
import { arriveInLine, askAdmission, bookItem, isRunStop, jitter, newIdempotencyKey, replayBooking, sleep, type Access, type Outcome, type VisitorRecord } from '../journey/index.js';
import { buildEvent } from './build-event.js';
import { runLimited } from './run-limited.js';
import type { Scenario, ScenarioContext } from './scenario.js';

/** Buyers who also fire a second booking, with another key, at the same instant. */
const GREEDY_SHARE = 0.1;
/** Winners who send their booking again with the same key afterwards. */
const REPLAY_SHARE = 0.1;
const ITEM = 'slot-1';

interface Buyer {
  visitor: VisitorRecord;
  access?: Access;
}

async function admitBuyer(ctx: ScenarioContext, buyer: Buyer): Promise<void> {
  const arrival = await arriveInLine(ctx, buyer.visitor, ctx.client.now());
  if (!arrival?.joined) return;
  while (!buyer.access) {
    const ask = await askAdmission(ctx, buyer.visitor, arrival.joined.queueToken);
    if (ask.accessToken) buyer.access = { userId: arrival.identity.userId, accessToken: ask.accessToken };
    else if (ask.result !== 'not_ready' && ask.result !== 'at_capacity') return;
    // The edge judges by a state document up to a second old: a fresh seq waits for the next one.
    else await sleep(jitter(ask.result === 'at_capacity' ? 5_000 : 1_000), ctx.signal);
  }
}

/**
 * N admitted buyers against M places, all at once: everyone gets in first (no queueAll, a huge
 * rate), then, once every worker's buyers are in, every buyer books the same item in the same
 * instant; a tenth also fire a second booking with another key (the per-person limit must hold),
 * and a tenth of the winners replay theirs (the same key must return the same booking).
 */
export const bookingRace: Scenario = {
  description: 'N admitted buyers book M places of one item at the same instant',
  event: (options, nowMs) =>
    buildEvent({
      title: `Load test: ${options.visitors} buyers race for ${options.seats} places`,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      queueAll: false,
      maxActiveUsers: Math.min(10_000_000, options.visitors + 100),
      itemSize: options.seats,
      openSeconds: options.durationSeconds,
      nowMs,
    }),
  budgetSeconds: (options) => options.durationSeconds,
  barriers: ['race'],
  async run(ctx) {
    const buyers: Buyer[] = Array.from({ length: ctx.share.visitors }, () => ({ visitor: ctx.journal.newVisitor() }));
    const setupLimit = Math.max(1, Math.ceil(Math.min(ctx.options.concurrency, 128) / ctx.share.count));
    let stopped = false;
    try {
      await runLimited(buyers, setupLimit, (buyer) => admitBuyer(ctx, buyer));
    } catch (error) {
      if (!isRunStop(ctx, error)) throw error;
      stopped = true;
    }
    await ctx.barrier('race');
    if (stopped) return;
    const ready = buyers.filter((buyer): buyer is Required<Buyer> => buyer.access !== undefined);
    ctx.say(`booking-race worker ${ctx.share.index + 1}: ${ready.length} of ${buyers.length} buyers admitted; all book now`);
    const wins: { buyer: Required<Buyer>; key: string; bookingId: string }[] = [];
    const attempt = async (buyer: Required<Buyer>): Promise<Outcome> => {
      const key = newIdempotencyKey();
      const response = await bookItem(ctx, buyer.visitor, buyer.access, ITEM, key);
      if (!response.ok || response.status !== 201) return response.code === 'sold_out' ? 'sold_out' : response.code === 'limit_reached' ? 'limit_reached' : 'failed';
      wins.push({ buyer, key, bookingId: (response.body as BookingResponse).booking.id });
      return 'booked';
    };
    const race = async (buyer: Required<Buyer>) => {
      const tries = Math.random() < GREEDY_SHARE ? 2 : 1;
      const outcomes = await Promise.all(Array.from({ length: tries }, () => attempt(buyer)));
      ctx.journal.finish(buyer.visitor, outcomes.includes('booked') ? 'booked' : (outcomes[0] ?? 'failed'));
    };
    try {
      await Promise.all(ready.map(race));
      await runLimited(wins.filter(() => Math.random() < REPLAY_SHARE), setupLimit, (win) => replayBooking(ctx, win.buyer.visitor, win.buyer.access, ITEM, win.key, win.bookingId));
    } catch (error) {
      if (!isRunStop(ctx, error)) throw error;
    }
  },
  invariants({ options, counts }, bookedInLedger) {
    // Judged against the buyers in line, not those admitted: a buyer the target failed to admit is
    // part of the failure, not an excuse for it.
    const { joined, admitted } = counts;
    const expected = Math.min(options.seats, joined);
    const booked = bookedInLedger ?? counts.booked;
    const source = bookedInLedger === undefined ? 'client-seen 201s' : 'ledger';
    return [
      {
        name: 'every place sold when buyers outnumber places',
        ok: booked === expected,
        detail: `${booked} booked (${source}) of ${options.seats} places; ${joined} buyers in line, ${admitted} admitted, so ${expected} expected`,
      },
    ];
  },
};
