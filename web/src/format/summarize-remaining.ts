import type { EventView } from '../../../core/index.js';

/** One line for a catalog card: how much is left across all items of an event. */
export function summarizeRemaining(event: Pick<EventView, 'kind' | 'items' | 'status'>): string {
  const remaining = event.items.reduce((sum, item) => sum + item.remaining, 0);
  const capacity = event.items.reduce((sum, item) => sum + item.capacity, 0);
  if (event.status === 'soldout' || (capacity > 0 && remaining === 0)) return 'Sold out';
  const count = event.items.length;
  if (event.kind === 'booking') {
    const open = event.items.filter((item) => item.remaining > 0).length;
    return `${remaining} of ${capacity} places left in ${open} of ${count} slot${count === 1 ? '' : 's'}`;
  }
  return `${remaining} of ${capacity} left across ${count} product${count === 1 ? '' : 's'}`;
}
