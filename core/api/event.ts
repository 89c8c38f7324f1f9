import { z } from 'zod';
import { idSchema, isoDateTime } from './ids.js';

export const eventKinds = ['booking', 'deal'] as const;
export const eventStatuses = ['scheduled', 'prequeue', 'drawing', 'open', 'paused', 'soldout', 'closed'] as const;
export type EventKind = (typeof eventKinds)[number];
export type EventStatus = (typeof eventStatuses)[number];

export const admissionSettingsSchema = z.strictObject({
  newUsersPerMinute: z.int().min(1).max(1_000_000),
  maxActiveUsers: z.int().min(1).max(10_000_000),
  sessionSeconds: z.int().min(30).max(86_400),
});
export type AdmissionSettings = z.infer<typeof admissionSettingsSchema>;

export const itemInputSchema = z.strictObject({
  id: idSchema,
  label: z.string().trim().min(1).max(120),
  capacity: z.int().min(1).max(1_000_000),
  perUserLimit: z.int().min(1).max(100).default(1),
  description: z.string().max(1000).optional(),
  priceKrw: z.int().min(0).max(100_000_000).optional(),
});

export const createEventSchema = z
  .strictObject({
    id: idSchema.optional(),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(eventKinds),
    description: z.string().max(4000).optional(),
    venue: z.string().max(200).optional(),
    startsAt: isoDateTime,
    endsAt: isoDateTime.optional(),
    prequeueMinutes: z.int().min(0).max(24 * 60).default(0),
    guestsAllowed: z.boolean().default(true),
    queueAll: z.boolean().default(false),
    /** Hidden events stay out of the catalog (reachable by id, for rehearsals and private drops). */
    hidden: z.boolean().default(false),
    channelId: idSchema.optional(),
    admission: admissionSettingsSchema,
    items: z.array(itemInputSchema).min(1).max(200),
  })
  .superRefine((event, ctx) => {
    if (event.endsAt && Date.parse(event.endsAt) <= Date.parse(event.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
    const seen = new Set<string>();
    event.items.forEach((item, index) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: 'duplicate item id' });
      seen.add(item.id);
    });
  });
export type CreateEventInput = z.input<typeof createEventSchema>;
export type CreateEvent = z.output<typeof createEventSchema>;

export const patchEventSchema = z
  .strictObject({
    paused: z.boolean().optional(),
    closed: z.literal(true).optional(),
    queueAll: z.boolean().optional(),
    hidden: z.boolean().optional(),
    newUsersPerMinute: admissionSettingsSchema.shape.newUsersPerMinute.optional(),
    maxActiveUsers: admissionSettingsSchema.shape.maxActiveUsers.optional(),
    sessionSeconds: admissionSettingsSchema.shape.sessionSeconds.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' });
export type PatchEvent = z.infer<typeof patchEventSchema>;

export const eventStatusSchema = z.enum(eventStatuses);

/** Public view of an item: definition plus live availability. */
export const itemViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  capacity: z.int(),
  remaining: z.int(),
  perUserLimit: z.int(),
  description: z.string().optional(),
  priceKrw: z.int().optional(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

export const eventViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(eventKinds),
  status: eventStatusSchema,
  description: z.string().optional(),
  venue: z.string().optional(),
  startsAt: isoDateTime,
  endsAt: isoDateTime.optional(),
  prequeueStartsAt: isoDateTime,
  guestsAllowed: z.boolean(),
  channelId: z.string().optional(),
  admission: admissionSettingsSchema.extend({ queueAll: z.boolean() }),
  items: z.array(itemViewSchema),
  /** The shuffle seed's SHA-256 is published before the start; the seed itself after. */
  fairness: z.object({ seedSha256: z.string(), seed: z.string().optional() }),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const eventStatsSchema = z.object({
  eventId: z.string(),
  status: eventStatusSchema,
  tailSeq: z.int(),
  servingSeq: z.int(),
  waiting: z.int(),
  prequeued: z.int(),
  active: z.int(),
  admitted: z.int(),
  booked: z.int(),
  remaining: z.int(),
  items: z.array(z.object({ id: z.string(), capacity: z.int(), booked: z.int(), remaining: z.int() })),
});
export type EventStats = z.infer<typeof eventStatsSchema>;
