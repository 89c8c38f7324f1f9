import { For } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { ItemSummary } from './item-summary.js';
import { t } from '../i18n/i18n.js';

/** Read-only availability, shown to visitors who have not been let in yet. */
export function ItemList(props: { event: EventView }) {
  return (
    <section aria-labelledby="items-heading">
      <h2 id="items-heading">{props.event.kind === 'booking' ? t('event.timeSlots') : t('event.products')}</h2>
      <ul class="item-list">
        <For each={props.event.items}>
          {(item) => (
            <li class="card">
              <ItemSummary item={item} />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
