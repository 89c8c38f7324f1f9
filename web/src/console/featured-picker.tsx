import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import { MAX_FEATURED, type ChannelView, type EventView, type FeaturedProduct } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { t } from '../i18n/i18n.js';
import { fetchCatalogPage, fetchDrop, putFeatured } from './console-api.js';
import { FormField } from './form-field.js';
import { mapProblemFields } from './problem-fields.js';

const NONE = '';
const keyOf = (product: FeaturedProduct) => `${product.eventId}/${product.itemId}`;
const productOf = (key: string): FeaturedProduct | undefined => {
  const [eventId, itemId] = key.split('/');
  return eventId && itemId ? { eventId, itemId } : undefined;
};

/**
 * Up to three products (items of drops) in display order. Slots are sent in order, empty ones
 * skipped; the API's refusal names `products.<n>`, which is mapped back onto the slot it came from.
 */
export function FeaturedPicker(props: { channel: ChannelView; onSaved: (channel: ChannelView) => void }) {
  const initial = () => Array.from({ length: MAX_FEATURED }, (_, slot) => (props.channel.featured[slot] ? keyOf(props.channel.featured[slot]) : NONE));
  const [slots, setSlots] = createSignal<string[]>(initial());
  const [drops] = createResource(
    () => props.channel.eventId ?? true,
    async () => {
      const events = (await fetchCatalogPage()).events;
      // The channel's own drop first, even when the catalog leaves it out (hidden, or past page 1).
      const own = props.channel.eventId;
      if (own && !events.some((event) => event.id === own)) events.unshift(await fetchDrop(own).catch(() => undefined as unknown as EventView));
      return events.filter(Boolean);
    },
  );
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const [done, setDone] = createSignal(false);
  // products.<n> counts the slots that were sent; sentSlots[n] is the slot it came from.
  const [sentSlots, setSentSlots] = createSignal<number[]>([]);
  const errors = createMemo(() => {
    const mapped = mapProblemFields(error(), new Set(['products', ...sentSlots().map((_slot, index) => `products.${index}`)]));
    const bySlot: Record<number, string> = {};
    for (const [path, message] of Object.entries(mapped.byField)) {
      const index = Number(path.split('.')[1]);
      if (path !== 'products') bySlot[sentSlots()[index]!] = message;
    }
    return { bySlot, general: [...mapped.general, ...(mapped.byField.products ? [mapped.byField.products] : [])] };
  });

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = slots().map((key, slot) => ({ slot, product: productOf(key) })).filter((entry) => entry.product);
    setSentSlots(chosen.map((entry) => entry.slot));
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      props.onSaved(await putFeatured(props.channel.id, chosen.map((entry) => entry.product!)));
      setDone(true);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const labelOf = (key: string) => {
    const product = productOf(key);
    const drop = drops.latest?.find((event) => event.id === product?.eventId);
    return drop?.items.find((item) => item.id === product?.itemId)?.label ?? product?.itemId ?? key;
  };

  return (
    <section class="console-section" aria-labelledby="channel-featured">
      <h2 id="channel-featured">{t('console.featured.title')}</h2>
      <p class="hint" data-pinned>
        {props.channel.featured.length === 0 ? t('console.featured.nothingPinned') : t('console.featured.pinnedNow', { products: props.channel.featured.map((pin) => labelOf(keyOf(pin))).join(', ') })}
      </p>
      <form class="form console-form" novalidate onSubmit={(event) => void save(event)}>
        <ErrorNotice error={error()} />
        <For each={errors().general}>{(message) => <p class="field-error">{message}</p>}</For>
        <div class="form-grid">
          <Index each={slots()}>
            {(key, slot) => (
              <FormField form="featured" path={`slot.${slot}`} label={t('console.featured.slot', { n: slot + 1 })} error={errors().bySlot[slot]}>
                {(attributes) => (
                  <select {...attributes} value={key()} onChange={(event) => setSlots(slots().map((value, at) => (at === slot ? event.currentTarget.value : value)))}>
                    <option value={NONE}>{t('console.featured.none')}</option>
                    <For each={drops.latest ?? []}>
                      {(drop) => (
                        <optgroup label={drop.title}>
                          <For each={drop.items}>{(item) => <option value={keyOf({ eventId: drop.id, itemId: item.id })}>{item.label}</option>}</For>
                        </optgroup>
                      )}
                    </For>
                  </select>
                )}
              </FormField>
            )}
          </Index>
        </div>
        <button type="submit" class="button button-primary" disabled={busy() || drops.loading}>
          {t('console.featured.save')}
        </button>
        <p class="hint" role="status">
          <Show when={done()}>{t('console.featured.saved')}</Show>
        </p>
      </form>
    </section>
  );
}
