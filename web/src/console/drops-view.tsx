import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { resourceError } from '../api/api-error.js';
import { PageLayout } from '../components/page-layout.js';
import { ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { fetchCatalogPage, fetchStats } from './console-api.js';
import { consolePaths } from './console-paths.js';
import { sessionDrops } from './session-drops.js';

const ROW_REFRESH_MS = 5_000;

/**
 * Every drop the console can list: the ones created in this tab, then the catalog's pages (the API
 * has no operator list yet, so hidden and closed drops are reached by id).
 */
export function DropsView() {
  createPageTitle(() => t('console.drops.title'));
  const navigate = useNavigate();
  const [pages, setPages] = createSignal<EventView[][]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [first, { refetch }] = createResource(async () => {
    const page = await fetchCatalogPage();
    setPages([page.events]);
    setCursor(page.nextCursor);
    return page;
  });
  const [more, setMore] = createSignal(false);
  const loadMore = async () => {
    const after = cursor();
    if (!after) return;
    setMore(true);
    try {
      const page = await fetchCatalogPage(after);
      setPages([...pages(), page.events]);
      setCursor(page.nextCursor);
    } finally {
      setMore(false);
    }
  };
  const rows = createMemo(() => {
    const listed = pages().flat();
    const listedIds = new Set(listed.map((event) => event.id));
    const created = sessionDrops
      .list()
      .filter((drop) => !listedIds.has(drop.id))
      .map((drop) => ({ id: drop.id, title: drop.title, startsAt: undefined as string | undefined }));
    return [...created, ...listed.map((event) => ({ id: event.id, title: event.title, startsAt: event.startsAt }))];
  });
  const [openId, setOpenId] = createSignal('');

  return (
    <PageLayout>
      <div class="console-heading">
        <h1>{t('console.drops.title')}</h1>
        <A href={consolePaths.newDrop} class="button button-primary">
          {t('console.drops.create')}
        </A>
      </div>
      <ResourceView value={first.latest} error={resourceError(first)} onRetry={() => void refetch()} loading={t('console.what.drops')}>
        {() => (
          <>
            <Show when={rows().length > 0} fallback={<p class="hint">{t('console.drops.empty')}</p>}>
              <div class="table-scroll">
                <table class="console-table">
                  <caption class="visually-hidden">{t('console.drops.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('console.drops.drop')}</th>
                      <th scope="col">{t('console.drops.status')}</th>
                      <th scope="col">{t('console.figures.waiting')}</th>
                      <th scope="col">{t('console.figures.active')}</th>
                      <th scope="col">{t('console.figures.admitted')}</th>
                      <th scope="col">{t('console.figures.booked')}</th>
                      <th scope="col">{t('console.figures.remaining')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={rows()}>{(row) => <DropRow id={row.id} title={row.title} startsAt={row.startsAt} />}</For>
                  </tbody>
                </table>
              </div>
            </Show>
            <Show when={cursor()}>
              <button type="button" class="button button-secondary" disabled={more()} onClick={() => void loadMore()}>
                {t('console.drops.more')}
              </button>
            </Show>
            <p class="hint">{t('console.drops.listNote')}</p>
          </>
        )}
      </ResourceView>
      <form
        class="form inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (openId().trim()) navigate(consolePaths.drop(openId().trim()));
        }}
      >
        <label for="open-drop">{t('console.drops.openById')}</label>
        <div class="inline-controls">
          <input id="open-drop" type="text" value={openId()} onInput={(event) => setOpenId(event.currentTarget.value)} />
          <button type="submit" class="button button-secondary">
            {t('console.drops.open')}
          </button>
        </div>
      </form>
    </PageLayout>
  );
}

/** One drop with its live figures (the operator stats, never cached). */
function DropRow(props: { id: string; title: string; startsAt: string | undefined }) {
  const stats = createLiveResource(() => props.id, fetchStats, ROW_REFRESH_MS);
  const figure = (pick: (value: NonNullable<typeof stats.data.latest>) => number) => {
    const latest = stats.data.latest;
    return latest ? formatNumber(pick(latest)) : '–';
  };
  return (
    <tr data-drop={props.id}>
      <th scope="row">
        <A href={consolePaths.drop(props.id)}>{props.title}</A>
        <span class="meta">
          {props.id}
          <Show when={props.startsAt}> · {formatDateTime(props.startsAt)}</Show>
        </span>
      </th>
      <td>
        <Show when={stats.data.latest} fallback="–">
          {(latest) => <StatusBadge status={latest().status} />}
        </Show>
      </td>
      <td>{figure((s) => s.waiting)}</td>
      <td>{figure((s) => s.active)}</td>
      <td>{figure((s) => s.admitted)}</td>
      <td>{figure((s) => s.booked)}</td>
      <td>{figure((s) => s.remaining)}</td>
    </tr>
  );
}
