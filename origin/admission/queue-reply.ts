import { z } from 'zod';
import type { AdmitResult, JoinResult, QueueSnapshot } from './admission-queue.js';

// Redis integers arrive as numbers over TCP and REST alike; nil Lua numbers are left out.
const count = z.number().int();
const flag = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);

/** advance.lua / peek.lua (lib/read-queue.lua) for an event the store holds. */
export const queueReplySchema = z.strictObject({
  exists: z.literal(1),
  tailSeq: count,
  servingSeq: count,
  reservedSeq: count,
  paused: flag,
  closed: flag,
  soldout: flag,
  drawn: flag,
  prequeued: count,
  active: count,
  admitted: count,
  newUsersPerMinute: count,
  maxActiveUsers: count,
  sessionSeconds: count,
  queueAll: flag,
  startsAt: z.number(),
});

/** The reply for an event the store does not hold. */
export const missingQueueReplySchema = z.strictObject({ exists: z.literal(0) });

/** advance.lua / peek.lua, either way. */
export const snapshotReplySchema = z.discriminatedUnion('exists', [missingQueueReplySchema, queueReplySchema]);

const bare = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind) });

/** join.lua: the decoded reply is the JoinResult itself. */
const lineAfterJoin = { servingSeq: count, tailSeq: count, soldout: flag };
export const joinReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('placed'), seq: count, created: flag, ...lineAfterJoin }),
  z.strictObject({ kind: z.literal('prequeued'), created: flag, ...lineAfterJoin }),
  z.strictObject({ kind: z.literal('reserve_needed'), tailSeq: count }),
  bare('draw_pending'),
  bare('closed'),
  bare('soldout'),
  bare('missing'),
]) satisfies z.ZodType<JoinResult>;

/** admit.lua: the decoded reply is the AdmitResult itself. */
export const admitReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('admitted'), expiresAt: z.number(), renewed: flag }),
  z.strictObject({ kind: z.literal('not_ready'), servingSeq: count }),
  bare('at_capacity'),
  bare('closed'),
  bare('soldout'),
]) satisfies z.ZodType<AdmitResult>;

export const missingSnapshot: QueueSnapshot = {
  exists: false,
  tailSeq: 0,
  servingSeq: 0,
  reservedSeq: null,
  paused: false,
  closed: false,
  soldout: false,
  drawn: false,
  prequeued: 0,
  active: 0,
  admitted: 0,
  settings: null,
};

export function toSnapshot(reply: z.output<typeof snapshotReplySchema>): QueueSnapshot {
  if (reply.exists === 0) return missingSnapshot;
  const { exists: _exists, reservedSeq, newUsersPerMinute, maxActiveUsers, sessionSeconds, queueAll, startsAt, ...counters } = reply;
  return {
    exists: true,
    ...counters,
    reservedSeq: reservedSeq < 0 ? null : reservedSeq,
    settings: { newUsersPerMinute, maxActiveUsers, sessionSeconds, queueAll, startsAt },
  };
}
