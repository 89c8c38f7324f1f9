import type { EventView } from '../../../core/index.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';

/** One line for a catalog card: how much is left across all items of an event. */
export function summarizeRemaining(event: Pick<EventView, 'kind' | 'items' | 'status'>): string {
  const remaining = event.items.reduce((sum, item) => sum + item.remaining, 0);
  const capacity = event.items.reduce((sum, item) => sum + item.capacity, 0);
  if (event.status === 'soldout' || (capacity > 0 && remaining === 0)) return t('event.soldOut');
  const count = event.items.length;
  const figures = { remaining: formatNumber(remaining), capacity: formatNumber(capacity), count };
  if (event.kind === 'booking') {
    const open = event.items.filter((item) => item.remaining > 0).length;
    return t('catalog.remainingSlots', { ...figures, open });
  }
  return t('catalog.remainingProducts', figures);
}
