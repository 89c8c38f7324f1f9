import { For, Show } from 'solid-js';
import { fetchCatalog } from '../catalog/catalog-api.js';
import { ChannelCard } from '../components/channel-card.js';
import { EventCard } from '../components/event-card.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { t } from '../i18n/i18n.js';

/** The CDN caches the catalog for about 30 s; polling faster would only re-read the cache. */
const REFRESH_MS = 30_000;

export function CatalogPage() {
  createPageTitle(() => undefined);
  const catalog = createLiveResource(() => true, fetchCatalog, REFRESH_MS);

  return (
    <PageLayout>
      <ResourceView {...liveResourceProps(catalog)} loading={t('what.drops')}>
        {(loaded) => (
          <>
            <section aria-labelledby="drops-heading">
              <h1 id="drops-heading">{t('catalog.title')}</h1>
              <Show when={loaded().events.length > 0} fallback={<p>{t('catalog.none')}</p>}>
                <ul class="card-list">
                  <For each={loaded().events}>{(event) => <EventCard event={event} />}</For>
                </ul>
              </Show>
            </section>
            <Show when={loaded().channels.length > 0}>
              <section aria-labelledby="channels-heading">
                <h2 id="channels-heading">{t('catalog.channels')}</h2>
                <ul class="card-list">
                  <For each={loaded().channels}>{(channel) => <ChannelCard channel={channel} />}</For>
                </ul>
              </section>
            </Show>
          </>
        )}
      </ResourceView>
    </PageLayout>
  );
}
