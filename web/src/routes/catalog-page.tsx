import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { EventView, ReplaySummary } from '../../../core/index.js';
import { fetchCatalog } from '../catalog/catalog-api.js';
import { fetchReplays } from '../channel/replay-api.js';
import { Art } from '../components/art.js';
import { ChannelCard } from '../components/channel-card.js';
import { EventCard } from '../components/event-card.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from './paths.js';

/** The CDN caches the catalog for about 30 s; polling faster would only re-read the cache. */
const REFRESH_MS = 30_000;

const upcoming = (event: EventView) => event.status === 'scheduled' || event.status === 'prequeue';
const openNow = (event: EventView) => event.status === 'open' || event.status === 'drawing' || event.status === 'paused';
const ended = (event: EventView) => event.status === 'soldout' || event.status === 'closed';

/** Home: what is live now, what opens next (with its countdown), what is open, and the most watched replays. */
export function CatalogPage() {
  createPageTitle(() => undefined);
  const catalog = createLiveResource(() => true, fetchCatalog, REFRESH_MS);
  const chart = createLiveResource(() => 'plays' as const, (sort) => fetchReplays(sort, 5), REFRESH_MS);

  return (
    <PageLayout>
      <section class="hero" aria-labelledby="hero-title">
        <Art seed="banjjak" class="hero-art" />
        <div class="hero-text">
          <h1 id="hero-title">{t('home.title')}</h1>
          <p>{t('home.tagline')}</p>
        </div>
      </section>
      <ResourceView {...liveResourceProps(catalog)} loading={t('what.drops')}>
        {(loaded) => (
          <>
            <Show when={loaded().channels.length > 0}>
              <section aria-labelledby="live-heading">
                <h2 id="live-heading">{t('home.liveNow')}</h2>
                <ul class="card-list channel-list">
                  <For each={[...loaded().channels].sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || b.viewers - a.viewers)}>
                    {(channel) => <ChannelCard channel={channel} />}
                  </For>
                </ul>
              </section>
            </Show>
            <EventSection id="upcoming" title={t('home.upcoming')} events={loaded().events.filter(upcoming)} />
            <EventSection id="open" title={t('home.openNow')} events={loaded().events.filter(openNow)} />
            <Show when={loaded().events.length === 0}>
              <p>{t('catalog.none')}</p>
            </Show>
            <EventSection id="ended" title={t('home.ended')} events={loaded().events.filter(ended)} />
          </>
        )}
      </ResourceView>
      <Show when={(chart.data.latest?.replays.length ?? 0) > 0}>
        <ReplayChart replays={chart.data.latest?.replays ?? []} />
      </Show>
    </PageLayout>
  );
}

function EventSection(props: { id: string; title: string; events: EventView[] }) {
  return (
    <Show when={props.events.length > 0}>
      <section aria-labelledby={`${props.id}-heading`}>
        <h2 id={`${props.id}-heading`}>{props.title}</h2>
        <ul class="card-list">
          <For each={props.events}>{(event) => <EventCard event={event} />}</For>
        </ul>
      </section>
    </Show>
  );
}

/** The most watched replays, as a ranked bar chart (a list, so it reads the same without the bars). */
function ReplayChart(props: { replays: ReplaySummary[] }) {
  const most = () => Math.max(1, ...props.replays.map((replay) => replay.plays));
  return (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('home.mostWatched')}</h2>
      <ol class="replay-chart">
        <For each={props.replays}>
          {(replay, index) => (
            <li>
              <A class="replay-row" href={`${paths.channel(replay.channelId)}?replay=${encodeURIComponent(replay.id)}`}>
                <span class="replay-rank" aria-hidden="true">
                  {index() + 1}
                </span>
                <span class="replay-title">{replay.title}</span>
                <span class="replay-plays">{t('home.plays', { count: formatNumber(replay.plays) })}</span>
                <span class="replay-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((replay.plays / most()) * 100)}%` }} />
                </span>
              </A>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
