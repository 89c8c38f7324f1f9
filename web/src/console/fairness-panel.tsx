import { createSignal, Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { fetchFairness, fetchWholeFairness } from './console-api.js';

const FAIRNESS_EVERY_MS = 10_000;

/**
 * The pre-queue draw's evidence (docs/fairness.md): the seed's commitment from creation, the seed
 * after the start, and once drawn the hashed registrant list, downloadable whole for anyone to redo
 * the draw.
 */
export function FairnessPanel(props: { drop: EventView }) {
  const fairness = createLiveResource(() => props.drop.id, (eventId: string) => fetchFairness(eventId), FAIRNESS_EVERY_MS);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const whole = await fetchWholeFairness(props.drop.id);
      const url = URL.createObjectURL(new Blob([JSON.stringify(whole, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `registrants-${props.drop.id}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="console-section" aria-labelledby="drop-fairness">
      <h2 id="drop-fairness">{t('console.fairness.title')}</h2>
      <p class="hint">{t('console.fairness.intro', { prequeue: formatDateTime(props.drop.prequeueStartsAt), start: formatDateTime(props.drop.startsAt) })}</p>
      <ErrorNotice error={error() ?? fairness.refreshError()} />
      <Show when={fairness.data.latest}>
        {(view) => (
          <dl class="evidence">
            <dt>{t('console.fairness.state')}</dt>
            <dd>{t(`console.fairness.states.${view().state}`)}</dd>
            <dt>{t('console.fairness.commitment')}</dt>
            <dd>
              <code>{view().seedSha256}</code>
            </dd>
            <dt>{t('console.fairness.seed')}</dt>
            <dd>
              <Show when={view().seed} fallback={t('console.fairness.notRevealed')}>
                {(seed) => <code>{seed()}</code>}
              </Show>
            </dd>
            <Show when={view().registrants}>
              {(registrants) => (
                <>
                  <dt>{t('console.fairness.registrants')}</dt>
                  <dd>{formatNumber(registrants().count)}</dd>
                  <dt>{t('console.fairness.listHash')}</dt>
                  <dd>
                    <code>{registrants().sha256}</code>
                  </dd>
                </>
              )}
            </Show>
          </dl>
        )}
      </Show>
      <Show when={fairness.data.latest?.state === 'drawn'} fallback={<p class="hint">{t('console.fairness.exportLater')}</p>}>
        <button type="button" class="button button-secondary" disabled={busy()} onClick={() => void download()}>
          {t('console.fairness.download')}
        </button>
      </Show>
    </section>
  );
}
