import type { AdmitResponse } from '../../core/index.js';
import { shapes } from '../client/response-shapes.js';
import type { LoadResponse } from '../client/load-client.js';
import type { JourneyContext } from './journey-context.js';
import type { AskResult, VisitorRecord } from './journey-log.js';

const askResults: Record<string, AskResult> = { not_ready: 'not_ready', at_capacity: 'at_capacity', sold_out: 'sold_out', event_closed: 'event_closed' };

export interface Ask {
  result: AskResult;
  accessToken: string | undefined;
  response: LoadResponse;
}

/** One `POST /admit` with the queue token, journaled with the times that bracket it (the admission-order check reads them). */
export async function askAdmission(ctx: JourneyContext, visitor: VisitorRecord, queueToken: string, intendedAt = ctx.client.now()): Promise<Ask> {
  const sentAt = ctx.log.now();
  const response = await ctx.client.request({
    endpoint: 'queue.admit',
    method: 'POST',
    path: `/api/queue/${ctx.eventId}/admit`,
    token: queueToken,
    expect: ['not_ready', 'at_capacity', 'sold_out', 'event_closed'],
    shape: shapes.admitted,
    intendedAt,
    signal: ctx.signal,
  });
  const result: AskResult = response.ok ? 'admitted' : (askResults[response.code ?? ''] ?? 'error');
  const servingSeq = (response.body as { servingSeq?: unknown } | undefined)?.servingSeq;
  ctx.log.asked(visitor, { sentAt, answeredAt: ctx.log.now(), result, ...(typeof servingSeq === 'number' && { servingSeq }) });
  if (result === 'sold_out') ctx.log.soldOut('event');
  return { result, accessToken: result === 'admitted' ? (response.body as AdmitResponse).accessToken : undefined, response };
}
