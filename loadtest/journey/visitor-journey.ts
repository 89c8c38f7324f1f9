import { BudgetExhausted } from '../client/load-client.js';
import { arriveInLine } from './arrive-in-line.js';
import { bookPlace } from './book-place.js';
import type { JourneyContext } from './journey-context.js';
import { waitInLine } from './wait-in-line.js';

/** True for the ways a run ends a visit early (time budget, request budget): not failures. */
export function isRunStop(ctx: Pick<JourneyContext, 'signal'>, error: unknown): boolean {
  return error instanceof BudgetExhausted || ctx.signal.aborted;
}

/**
 * One phone's whole visit, as the web app makes it: the waiting-room page and the one-request
 * join, `/status` at the answered `refreshAfterMs`, admit, the booking page and one booking.
 * `arrivalAt` (run clock) is when the phone was meant to arrive: a late start counts as latency.
 */
export async function visitorJourney(ctx: JourneyContext, replayShare: number, arrivalAt = ctx.client.now()): Promise<void> {
  const visitor = ctx.log.newVisitor();
  try {
    const arrival = await arriveInLine(ctx, visitor, arrivalAt);
    if (!arrival) return;
    const access = await waitInLine(ctx, visitor, arrival);
    if (!access) return;
    await bookPlace(ctx, visitor, access, replayShare);
  } catch (error) {
    if (isRunStop(ctx, error)) return;
    ctx.log.crashed(visitor, error);
  }
}
