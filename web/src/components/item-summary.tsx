import { Show } from 'solid-js';
import type { ItemView } from '../../../core/index.js';
import { formatNumber, formatPrice } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';

/** Label, price and live availability of one slot or product. */
export function ItemSummary(props: { item: ItemView }) {
  const soldOut = () => props.item.remaining <= 0;
  const scarce = () => !soldOut() && props.item.remaining <= Math.max(3, props.item.capacity * 0.1);
  return (
    <div class="item-summary">
      <div class="item-heading">
        <span class="item-label">{props.item.label}</span>
        <Show when={props.item.priceKrw !== undefined}>
          <span class="item-price">{formatPrice(props.item.priceKrw ?? 0)}</span>
        </Show>
      </div>
      <Show when={props.item.description}>
        <p class="item-description">{props.item.description}</p>
      </Show>
      <p class="item-remaining" classList={{ 'is-scarce': scarce(), 'is-soldout': soldOut() }}>
        <Show when={!soldOut()} fallback={t('event.soldOut')}>
          {t('event.left', { remaining: formatNumber(props.item.remaining), capacity: formatNumber(props.item.capacity) })}
        </Show>
      </p>
    </div>
  );
}
