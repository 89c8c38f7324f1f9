import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * `committed`: before the start, only the secret's SHA-256; `drawing`: the start has passed, the
 * secret is revealed, the registrant list is not recorded yet; `drawn`: everything needed to redo
 * the draw (docs/fairness.md).
 */
export const fairnessStates = ['committed', 'drawing', 'drawn'] as const;

/** `GET /api/events/:eventId/fairness?part=`: the draw's evidence, the registrant list a part at a time. */
export const fairnessQuerySchema = z.object({
  part: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type FairnessQuery = z.infer<typeof fairnessQuerySchema>;

export const fairnessViewSchema = z.object({
  eventId: z.string(),
  state: z.enum(fairnessStates),
  /** SHA-256 of the operator's secret, published from creation. */
  seedSha256: sha256Hex,
  /** The secret, from the start. */
  seed: sha256Hex.optional(),
  /** Once drawn: every registrant as SHA-256(eventId ":" userId), ascending, a part at a time. */
  registrants: z
    .object({
      count: z.int().min(0),
      /** SHA-256 of the whole list, ascending, joined by "\n". */
      sha256: sha256Hex,
      parts: z.int().min(1),
      part: z.int().min(0),
      ids: z.array(sha256Hex),
    })
    .optional(),
  /** SHA-256(seed ":" registrants.sha256): each registrant's rank is SHA-256(drawSeed ":" id), ascending. */
  drawSeed: sha256Hex.optional(),
});
export type FairnessView = z.infer<typeof fairnessViewSchema>;
