import { z } from 'zod';

const joined = z.object({ queueToken: z.string(), seq: z.number().nullable(), status: z.string(), position: z.number().nullable(), etaSeconds: z.number().nullable(), refreshAfterMs: z.number() });
const identity = z.object({ idToken: z.string(), userId: z.string() });

/**
 * The least each 2xx body must hold for a visitor to go on. A body that fails is recorded as an
 * unexpected `malformed_body` answer with its text, instead of crashing the visitor that reads it.
 */
export const shapes = {
  identity,
  joined,
  /** A join without a token answers with the guest it minted. */
  guestJoined: joined.extend({ identity }),
  queueState: z.object({ status: z.string(), servingSeq: z.number(), tailSeq: z.number(), admitRatePerMinute: z.number(), startsAt: z.string() }),
  visitorStatus: z.object({ status: z.string(), refreshAfterMs: z.number() }),
  admitted: z.object({ accessToken: z.string() }),
  eventView: z.object({ items: z.array(z.object({ id: z.string(), remaining: z.number() })) }),
  booking: z.object({ booking: z.object({ id: z.string(), itemId: z.string(), userId: z.string(), quantity: z.number() }) }),
  eventStats: z.object({
    status: z.string(),
    ...Object.fromEntries(['tailSeq', 'servingSeq', 'waiting', 'active', 'admitted', 'booked', 'remaining'].map((key) => [key, z.number()])),
    items: z.array(z.object({ id: z.string(), capacity: z.number(), booked: z.number(), remaining: z.number() })),
  }),
} satisfies Record<string, z.ZodType>;
