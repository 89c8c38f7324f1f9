import { createSignal, For, Show } from 'solid-js';
import type { Booking, EventView, ItemView } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { idempotencyKeys } from '../booking/idempotency-keys.js';
import { isDefinitiveAnswer, submitBooking } from '../booking/submit-booking.js';
import { ErrorNotice } from './error-notice.js';
import { ItemSummary } from './item-summary.js';
import { QuantityPicker } from './quantity-picker.js';
import { t } from '../i18n/i18n.js';

export interface BookingFormProps {
  event: EventView;
  accessToken: string;
  userId: string;
  onBooked: (booking: Booking, item: ItemView) => void;
  /** The access token was refused (expired): the visitor has to go back through the line. */
  onPassExpired: () => void;
  /** Availability changed under us (sold out): the page should refetch the event. */
  onStale: () => void;
}

/** Pick a slot or product (and how many), then book it with an idempotent POST. */
export function BookingForm(props: BookingFormProps) {
  const [chosenId, setChosenId] = createSignal<string | undefined>(
    props.event.items.length === 1 ? props.event.items[0]?.id : undefined,
  );
  const [quantity, setQuantity] = createSignal(1);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();

  const chosen = () => props.event.items.find((item) => item.id === chosenId());
  const maxQuantity = () => {
    const item = chosen();
    return item ? Math.max(1, Math.min(item.perUserLimit, item.remaining)) : 1;
  };
  // The remaining count can drop under the picked quantity while the visitor decides.
  const effectiveQuantity = () => Math.min(quantity(), maxQuantity());
  // After an answer we never saw, tapping Book again replays the same key: say so.
  const retrySafe = () => {
    const current = error();
    return current !== undefined && !isDefinitiveAnswer(current);
  };
  const isSlots = () => props.event.kind === 'booking';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const item = chosen();
    if (!item || busy()) return;
    const scope = `${props.userId}.${props.event.id}`;
    const request = { itemId: item.id, quantity: effectiveQuantity() };
    const key = idempotencyKeys.keyFor(scope, request);
    setBusy(true);
    setError(undefined);
    try {
      const booking = await submitBooking(props.event.id, props.accessToken, key, request);
      idempotencyKeys.settle(scope);
      props.onBooked(booking, item);
    } catch (caught) {
      const apiError = toApiError(caught);
      // Only a definitive answer ends the attempt; after a lost answer the same key is replayed.
      if (isDefinitiveAnswer(apiError)) idempotencyKeys.settle(scope);
      if (apiError.code === 'invalid_token') return props.onPassExpired();
      if (apiError.code === 'sold_out') props.onStale();
      setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="booking-form" onSubmit={submit} aria-busy={busy()}>
      <fieldset>
        <legend>{isSlots() ? t('book.chooseSlot') : t('book.chooseProduct')}</legend>
        <For each={props.event.items}>
          {(item) => (
            <label class="card choice" classList={{ 'is-chosen': item.id === chosenId(), 'is-disabled': item.remaining <= 0 }}>
              <input
                type="radio"
                name="item"
                value={item.id}
                checked={item.id === chosenId()}
                disabled={item.remaining <= 0}
                onChange={() => setChosenId(item.id)}
              />
              <ItemSummary item={item} />
            </label>
          )}
        </For>
      </fieldset>

      <Show when={chosen() && maxQuantity() > 1}>
        <QuantityPicker
          id="booking-quantity"
          label={isSlots() ? t('book.people') : t('book.quantity')}
          value={effectiveQuantity()}
          max={maxQuantity()}
          onChange={setQuantity}
          hint={t('book.upTo', { limit: chosen()?.perUserLimit ?? 1 })}
        />
      </Show>

      <ErrorNotice error={error()} />
      <Show when={retrySafe()}>
        <p class="hint">{t('book.retrySafe')}</p>
      </Show>

      <button type="submit" class="button button-primary button-block" disabled={!chosen() || (chosen()?.remaining ?? 0) <= 0 || busy()}>
        {busy() ? t('book.booking') : chosen() ? t('book.bookItem', { label: chosen()?.label ?? '' }) : isSlots() ? t('book.chooseSlotToBook') : t('book.chooseProductToBook')}
      </button>
    </form>
  );
}
