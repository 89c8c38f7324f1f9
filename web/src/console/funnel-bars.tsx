import { For } from 'solid-js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import type { FunnelBar } from './funnel.js';

/** The funnel as horizontal bars; each bar is a labelled meter, so it reads without the picture. */
export function FunnelBars(props: { bars: readonly FunnelBar[] }) {
  return (
    <figure class="funnel">
      <figcaption class="chart-title">{t('console.funnel.title')}</figcaption>
      <ol class="funnel-list">
        <For each={props.bars}>
          {(bar) => (
            <li class="funnel-row">
              <span class="funnel-label">{t(`console.funnel.${bar.step}`)}</span>
              <span class="funnel-track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(bar.share * 100)} aria-label={t(`console.funnel.${bar.step}`)}>
                <span class={`funnel-fill funnel-${bar.step}`} style={{ width: `${(bar.share * 100).toFixed(1)}%` }} />
              </span>
              <span class="funnel-value" data-step={bar.step}>
                {formatNumber(bar.value)}
              </span>
            </li>
          )}
        </For>
      </ol>
    </figure>
  );
}
