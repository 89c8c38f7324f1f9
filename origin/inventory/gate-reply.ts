import { z } from 'zod';
import type { ItemAvailability, ReserveResult } from './inventory-gate.js';

// Redis integers arrive as numbers over TCP and REST alike.
const count = z.number().int();
const bare = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind) });

/** reserve.lua, a flat map: the decoded reply is the ReserveResult itself. */
export const reserveReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reserved'), remaining: count }),
  z.strictObject({ kind: z.literal('replay'), bookingId: z.string() }),
  z.strictObject({ kind: z.literal('limit_reached'), held: count }),
  bare('mismatch'),
  bare('places_held'),
  bare('sold_out'),
  bare('unknown_item'),
  bare('not_loaded'),
]) satisfies z.ZodType<ReserveResult>;

/** availability.lua, JSON: every item of a loaded gate (none when not loaded). */
export const availabilityReplySchema = z.strictObject({
  items: z.array(z.strictObject({ id: z.string(), capacity: count, booked: count, provisional: count })),
});

/** reservations.lua, JSON: one HSCAN page; `until` only on provisional reservations. */
export const reservationsReplySchema = z.strictObject({
  cursor: z.string(),
  // Lua's cjson cannot tell an empty array from an empty object: the script leaves it out.
  reservations: z.array(z.strictObject({ bookingId: z.string(), value: z.string(), until: z.number().optional() })).default([]),
});

export const toAvailability = (reply: z.output<typeof availabilityReplySchema>): Map<string, ItemAvailability> =>
  new Map(reply.items.map(({ id, ...numbers }) => [id, numbers]));
