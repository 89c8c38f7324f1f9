import { Show } from 'solid-js';
import { resourceError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { fetchQoe } from './console-api.js';
import { LineChart } from './line-chart.js';

const QOE_EVERY_MS = 10_000;

const ms = (value: number | null) => (value === null ? '–' : t('console.qoe.ms', { n: formatNumber(value) }));
const percent = (value: number | null) => (value === null ? '–' : `${formatNumber(Math.round(value * 1000) / 10)} %`);

/** The channel's playback quality over the last 10 minutes, and per minute. */
export function QoePanel(props: { channelId: string }) {
  const qoe = createLiveResource(() => props.channelId, fetchQoe, QOE_EVERY_MS);
  return (
    <section class="console-section" aria-labelledby="channel-qoe">
      <h2 id="channel-qoe">{t('console.qoe.title')}</h2>
      <ErrorNotice error={resourceError(qoe.data)} onRetry={qoe.refetch} />
      <ErrorNotice error={qoe.refreshError()} tone="warning" />
      <Show when={qoe.data.latest} fallback={<p class="hint">{t('console.qoe.loading')}</p>}>
        {(summary) => (
          <>
            <dl class="figures">
              <div>
                <dt>{t('console.qoe.viewers')}</dt>
                <dd>{formatNumber(summary().viewers)}</dd>
              </div>
              <div>
                <dt>{t('console.qoe.sessions')}</dt>
                <dd>{formatNumber(summary().sessions)}</dd>
              </div>
              <div>
                <dt>{t('console.qoe.startupP50')}</dt>
                <dd>{ms(summary().startupMs.p50)}</dd>
              </div>
              <div>
                <dt>{t('console.qoe.startupP90')}</dt>
                <dd>{ms(summary().startupMs.p90)}</dd>
              </div>
              <div>
                <dt>{t('console.qoe.rebuffer')}</dt>
                <dd>{percent(summary().rebufferRatio)}</dd>
              </div>
              <div>
                <dt>{t('console.qoe.errors')}</dt>
                <dd>{t('console.qoe.errorsValue', { total: formatNumber(summary().errors.total), fatal: formatNumber(summary().errors.fatal) })}</dd>
              </div>
            </dl>
            <Show when={summary().errors.top.length > 0}>
              <p class="meta">{t('console.qoe.topErrors', { codes: summary().errors.top.map((error) => `${error.code} (${error.count})`).join(', ') })}</p>
            </Show>
            {/* Two charts: sessions are counts, startup is milliseconds; one axis would flatten one of them. */}
            <div class="chart-grid-2">
              <LineChart
                title={t('console.qoe.sessionsPerMinute')}
                times={summary().minutes.map((minute) => Date.parse(minute.at))}
                series={[{ name: t('console.qoe.sessions'), color: 'var(--series-1)', values: summary().minutes.map((minute) => minute.sessions) }]}
              />
              <LineChart
                title={t('console.qoe.startupPerMinute')}
                times={summary().minutes.map((minute) => Date.parse(minute.at))}
                series={[{ name: t('console.qoe.startupP50'), color: 'var(--series-2)', values: summary().minutes.map((minute) => minute.startupP50) }]}
              />
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
