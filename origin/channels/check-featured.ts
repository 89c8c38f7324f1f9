import { AppError, isAppError, type FeaturedProduct } from '../../core/index.js';
import type { EventRecord } from '../events/event-record.js';

interface FieldProblem {
  path: string;
  message: string;
}

/** The event, or undefined when there is none (any other failure is not the operator's). */
const orNone = (find: (eventId: string) => Promise<EventRecord>, eventId: string) =>
  find(eventId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'event_not_found') return undefined;
    throw error;
  });

/**
 * Each featured product must be an item of an existing drop: refused `validation_failed` listing
 * every product that is not, as a schema failure lists its fields.
 */
export async function checkFeatured(find: (eventId: string) => Promise<EventRecord>, products: readonly FeaturedProduct[]): Promise<void> {
  const problems = await Promise.all(
    products.map(async ({ eventId, itemId }, index): Promise<FieldProblem | undefined> => {
      const event = await orNone(find, eventId);
      if (!event) return { path: `products.${index}.eventId`, message: 'no such event' };
      if (!event.items.some((item) => item.id === itemId)) return { path: `products.${index}.itemId`, message: `not an item of event ${eventId}` };
      return undefined;
    }),
  );
  const fields = problems.filter((problem) => problem !== undefined);
  if (fields.length === 0) return;
  throw new AppError('validation_failed', { detail: fields.map((field) => `${field.path}: ${field.message}`).join('; '), extra: { fields } });
}
