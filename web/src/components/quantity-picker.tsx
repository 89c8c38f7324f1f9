import { Show } from 'solid-js';
import { t } from '../i18n/i18n.js';

export interface QuantityPickerProps {
  id: string;
  label: string;
  value: number;
  max: number;
  onChange: (value: number) => void;
  hint?: string;
}

/** − n + with large tap targets; the number input stays usable for keyboards and screen readers. */
export function QuantityPicker(props: QuantityPickerProps) {
  const set = (value: number) => props.onChange(Math.min(props.max, Math.max(1, Math.round(value) || 1)));
  return (
    <div class="quantity">
      <label for={props.id}>{props.label}</label>
      <div class="quantity-controls">
        <button type="button" class="button button-secondary" aria-label={t('common.oneLess')} disabled={props.value <= 1} onClick={() => set(props.value - 1)}>
          −
        </button>
        <input
          id={props.id}
          type="number"
          inputmode="numeric"
          min={1}
          max={props.max}
          value={props.value}
          onChange={(event) => set(Number(event.currentTarget.value))}
        />
        <button type="button" class="button button-secondary" aria-label={t('common.oneMore')} disabled={props.value >= props.max} onClick={() => set(props.value + 1)}>
          +
        </button>
      </div>
      <Show when={props.hint}>
        <p class="hint">{props.hint}</p>
      </Show>
    </div>
  );
}
