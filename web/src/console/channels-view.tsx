import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { fetchCatalogPage } from './console-api.js';
import { consolePaths } from './console-paths.js';

/** The live channels (from the catalog), each leading to its pins, quality figures and replay. */
export function ChannelsView() {
  createPageTitle(() => t('console.channels.title'));
  const catalog = createLiveResource(() => true, () => fetchCatalogPage(), 30_000);
  return (
    <PageLayout>
      <h1>{t('console.channels.title')}</h1>
      <ResourceView {...liveResourceProps(catalog)} loading={t('console.what.channels')}>
        {(page) => (
          <ul class="card-list">
            <For each={page().channels} fallback={<li class="hint">{t('console.channels.empty')}</li>}>
              {(channel) => (
                <li class="card">
                  <A href={consolePaths.channel(channel.id)} class="card-title">
                    {channel.title}
                  </A>
                  <p class="meta">
                    <StatusBadge status={channel.status} /> {channel.id} · {t('console.qoe.viewersN', { n: formatNumber(channel.viewers) })} · {t('console.channels.pinnedN', { n: channel.featured.length })}
                  </p>
                </li>
              )}
            </For>
          </ul>
        )}
      </ResourceView>
    </PageLayout>
  );
}
