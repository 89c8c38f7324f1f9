import { For, Match, Show, Switch } from 'solid-js';
import { resourceError } from '../api/api-error.js';
import { fetchCatalog } from '../catalog/catalog-api.js';
import { ChannelCard } from '../components/channel-card.js';
import { ErrorNotice } from '../components/error-notice.js';
import { EventCard } from '../components/event-card.js';
import { Loading } from '../components/loading.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';

/** The CDN caches the catalog for about 30 s; polling faster would only re-read the cache. */
const REFRESH_MS = 30_000;

export function CatalogPage() {
  createPageTitle(() => undefined);
  const catalog = createLiveResource(() => true, fetchCatalog, REFRESH_MS);

  return (
    <main class="page">
      <Switch>
        <Match when={resourceError(catalog.data)}>
          {(error) => <ErrorNotice error={error()} onRetry={catalog.refetch} />}
        </Match>
        <Match when={catalog.data.latest}>
          {(loaded) => (
            <>
              <ErrorNotice error={catalog.refreshError()} tone="warning" />
              <section aria-labelledby="drops-heading">
                <h1 id="drops-heading">Drops</h1>
                <Show when={loaded().events.length > 0} fallback={<p>No drops right now. Check back soon.</p>}>
                  <ul class="card-list">
                    <For each={loaded().events}>{(event) => <EventCard event={event} />}</For>
                  </ul>
                </Show>
              </section>
              <Show when={loaded().channels.length > 0}>
                <section aria-labelledby="channels-heading">
                  <h2 id="channels-heading">Live channels</h2>
                  <ul class="card-list">
                    <For each={loaded().channels}>{(channel) => <ChannelCard channel={channel} />}</For>
                  </ul>
                </section>
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading what="drops" />
        </Match>
      </Switch>
    </main>
  );
}
