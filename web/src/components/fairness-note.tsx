import { Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { t } from '../i18n/i18n.js';

/** Why the pre-queue draw can be trusted: the seed's fingerprint is public before the draw. */
export function FairnessNote(props: { event: EventView }) {
  return (
    <details class="fairness">
      <summary>{t('fairness.how')}</summary>
      <p>{t('fairness.explain')}</p>
      <p>
        {t('fairness.fingerprint')} <code class="hash">{props.event.fairness.seedSha256}</code>
      </p>
      <Show when={props.event.fairness.seed}>
        {(seed) => (
          <p>
            {t('fairness.seed')} <code class="hash">{seed()}</code>
          </p>
        )}
      </Show>
    </details>
  );
}
