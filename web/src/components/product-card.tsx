import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { FeaturedProduct } from '../../../core/index.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { formatNumber, formatPrice } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { paths } from '../routes/paths.js';
import { StatusBadge } from './status-badge.js';

/** Price and stock come from the drop's own cached JSON, never from the pin. */
const REFRESH_MS = 5_000;

/** A product pinned on a live show: what it is, what it costs, what is left, and the way into its line. */
export function ProductCard(props: { pin: FeaturedProduct }) {
  const live = createLiveResource(() => props.pin.eventId, fetchEvent, REFRESH_MS);
  const item = () => live.data.latest?.items.find((candidate) => candidate.id === props.pin.itemId);
  const soldOut = () => (item()?.remaining ?? 1) <= 0 || live.data.latest?.status === 'soldout';
  return (
    <li class="card product-card" data-item-id={props.pin.itemId}>
      <Show when={live.data.latest && item()} fallback={<p class="loading">{t('channel.loadingProduct')}</p>}>
        {(found) => (
          <>
            <div class="product-art" aria-hidden="true">
              {found().label.slice(0, 1)}
            </div>
            <div class="product-body">
              <p class="product-title">{found().label}</p>
              <p class="meta">{live.data.latest?.title}</p>
              <div class="card-row">
                <Show when={found().priceKrw !== undefined}>
                  <strong class="item-price">{formatPrice(found().priceKrw ?? 0)}</strong>
                </Show>
                <Show when={!soldOut()} fallback={<StatusBadge status="soldout" />}>
                  <span class="item-remaining">{t('event.left', { remaining: formatNumber(found().remaining), capacity: formatNumber(found().capacity) })}</span>
                </Show>
              </div>
              <A class="button button-primary button-block" href={soldOut() ? paths.event(props.pin.eventId) : paths.queue(props.pin.eventId)}>
                {soldOut() ? t('channel.seeDrop') : t('channel.getInLine')}
              </A>
            </div>
          </>
        )}
      </Show>
    </li>
  );
}
