import { createMemo, createSignal, For, Show } from 'solid-js';
import type { EventStats, EventView } from '../../../core/index.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { fetchChannel, fetchStats } from './console-api.js';
import { funnelBars } from './funnel.js';
import { FunnelBars } from './funnel-bars.js';
import { LineChart } from './line-chart.js';
import { makeStatsHistory, sampleOf, type StatsSample } from './stats-history.js';

const STATS_EVERY_MS = 2_000;
const CHANNEL_EVERY_MS = 5_000;
const WINDOW_MS = 5 * 60_000;

/** Colours of the series, from the palette in console.css (distinct in common colour blindness). */
const SERIES = {
  waiting: 'var(--series-1)',
  admitted: 'var(--series-2)',
  active: 'var(--series-3)',
  booked: 'var(--series-4)',
} as const;

/** The drop's figures every 2 s, the last five minutes of them as charts, and its funnel. */
export function DropLive(props: { drop: EventView }) {
  const history = makeStatsHistory({ windowMs: WINDOW_MS, capacity: Math.ceil(WINDOW_MS / STATS_EVERY_MS) + 30 });
  const [samples, setSamples] = createSignal<StatsSample[]>([]);
  const stats = createLiveResource(
    () => props.drop.id,
    async (eventId: string): Promise<EventStats> => {
      const answer = await fetchStats(eventId);
      const now = Date.now();
      history.push(sampleOf(answer, now));
      setSamples(history.samples(now));
      return answer;
    },
    STATS_EVERY_MS,
  );
  const channel = createLiveResource(() => props.drop.channelId, fetchChannel, CHANNEL_EVERY_MS);
  const times = createMemo(() => samples().map((sample) => sample.at));
  const series = (names: (keyof typeof SERIES)[]) => names.map((name) => ({ name: t(`console.figures.${name}`), color: SERIES[name], values: samples().map((sample) => sample[name]) }));

  return (
    <section class="console-section" aria-labelledby="drop-live">
      <h2 id="drop-live">{t('console.live.title')}</h2>
      <ErrorNotice error={stats.refreshError()} tone="warning" />
      <Show when={stats.data.latest} fallback={<p class="hint">{t('console.live.waitingForFigures')}</p>}>
        {(latest) => (
          <>
            <dl class="figures">
              <For each={['waiting', 'prequeued', 'active', 'admitted', 'booked', 'remaining'] as const}>
                {(name) => (
                  <div>
                    <dt>{t(`console.figures.${name}`)}</dt>
                    <dd data-figure={name}>{formatNumber(latest()[name])}</dd>
                  </div>
                )}
              </For>
            </dl>
            <div class="chart-grid-2">
              <LineChart title={t('console.live.lineChart')} times={times()} series={series(['waiting', 'admitted', 'active'])} />
              <LineChart title={t('console.live.bookedChart')} times={times()} series={series(['booked'])} />
            </div>
            <FunnelBars bars={funnelBars(latest(), props.drop.channelId ? channel.data.latest?.viewers : undefined)} />
            <Show when={!props.drop.channelId}>
              <p class="hint">{t('console.funnel.noChannel')}</p>
            </Show>
            <ItemsTable items={latest().items} drop={props.drop} />
          </>
        )}
      </Show>
    </section>
  );
}

function ItemsTable(props: { items: EventStats['items']; drop: EventView }) {
  const label = (itemId: string) => props.drop.items.find((item) => item.id === itemId)?.label ?? itemId;
  return (
    // A table wider than a phone scrolls sideways inside its box: focusable, so a keyboard can scroll it too.
    <div class="table-scroll" tabindex="0" role="region" aria-label={t('console.live.items')}>
      <table class="console-table">
        <caption>{t('console.live.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.live.item')}</th>
            <th scope="col">{t('console.live.capacity')}</th>
            <th scope="col">{t('console.figures.booked')}</th>
            <th scope="col">{t('console.figures.remaining')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(item) => (
              <tr>
                <th scope="row">
                  {label(item.id)} <span class="meta">{item.id}</span>
                </th>
                <td>{formatNumber(item.capacity)}</td>
                <td>{formatNumber(item.booked)}</td>
                <td>{formatNumber(item.remaining)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
