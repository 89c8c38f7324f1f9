import { createMiddleware } from 'hono/factory';
import type { OriginMetrics } from './origin-metrics.js';

const JOIN = /^\/api\/queue\/[^/]+\/join$/;
const ADMIT = /^\/api\/queue\/[^/]+\/admit$/;
const BOOK = /^\/api\/events\/[^/]+\/bookings$/;

/** A problem answer's `code`, read from a copy so the client still gets the body. */
async function problemCode(response: Response): Promise<string> {
  const body = (await response.clone().json().catch(() => undefined)) as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : 'unknown';
}

/**
 * Counts the drop funnel from the answers: a place taken, a turn traded, a booking by outcome
 * (`created`, `replayed`, or the refusal's code), a sold-out refusal.
 */
export function countAnswers(metrics: OriginMetrics) {
  return createMiddleware(async (c, next) => {
    await next();
    if (c.req.method !== 'POST') return;
    const { path } = c.req;
    const status = c.res.status;
    const booking = BOOK.test(path);
    const code = status >= 400 && (booking || status === 409) ? await problemCode(c.res) : undefined;
    if (JOIN.test(path) && (status === 200 || status === 201)) metrics.joins.inc();
    else if (ADMIT.test(path) && status === 200) metrics.admits.inc();
    else if (booking) metrics.bookings.inc({ outcome: status === 201 ? 'created' : status === 200 ? 'replayed' : (code ?? String(status)) });
    if (code === 'sold_out') metrics.soldOut.inc();
  });
}
