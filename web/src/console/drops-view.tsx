import { A, useNavigate } from '@solidjs/router';
import { createSignal, Index, Show } from 'solid-js';
import type { AdminEvent } from '../../../core/index.js';
import { resourceError } from '../api/api-error.js';
import { PageLayout } from '../components/page-layout.js';
import { ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { fetchAdminEvents } from './console-api.js';
import { consolePaths } from './console-paths.js';

const LIST_REFRESH_MS = 5_000;

/** The first `pages` pages of the operator list, read again from the start so the figures and the order are of one moment. */
async function loadDrops(pages: number): Promise<{ events: AdminEvent[]; nextCursor: string | undefined }> {
  const events: AdminEvent[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < pages; page++) {
    const answer = await fetchAdminEvents(cursor);
    events.push(...answer.events);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return { events, nextCursor: cursor };
}

/** Every drop, newest start first, with its live figures (`GET /api/admin/events`, never cached). */
export function DropsView() {
  createPageTitle(() => t('console.drops.title'));
  const navigate = useNavigate();
  // "More" asks for one page more; every refresh reads the pages shown so far. Rows are kept by
  // position (<Index>), so a refresh updates figures in place instead of rebuilding the table.
  const [pages, setPages] = createSignal(1);
  const list = createLiveResource(pages, loadDrops, LIST_REFRESH_MS);
  const [openId, setOpenId] = createSignal('');

  return (
    <PageLayout>
      <div class="console-heading">
        <h1>{t('console.drops.title')}</h1>
        <A href={consolePaths.newDrop} class="button button-primary">
          {t('console.drops.create')}
        </A>
      </div>
      <ResourceView value={list.data.latest} error={resourceError(list.data)} onRetry={list.refetch} refreshError={list.refreshError()} loading={t('console.what.drops')}>
        {(listed) => (
          <>
            <Show when={listed().events.length > 0} fallback={<p class="hint">{t('console.drops.empty')}</p>}>
              <div class="table-scroll" tabindex="0" role="region" aria-label={t('console.drops.title')}>
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
                    <Index each={listed().events}>{(drop) => <DropRow drop={drop()} />}</Index>
                  </tbody>
                </table>
              </div>
            </Show>
            <Show when={listed().nextCursor}>
              <button type="button" class="button button-secondary" disabled={list.data.loading} onClick={() => setPages(pages() + 1)}>
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

/** One drop with the figures its page came with. */
function DropRow(props: { drop: AdminEvent }) {
  const figure = (pick: (stats: AdminEvent['stats']) => number) => formatNumber(pick(props.drop.stats));
  return (
    <tr data-drop={props.drop.id}>
      <th scope="row">
        <A href={consolePaths.drop(props.drop.id)}>{props.drop.title}</A>
        <span class="meta">
          {props.drop.id} · {formatDateTime(props.drop.startsAt)}
        </span>
      </th>
      <td>
        <StatusBadge status={props.drop.status} />
      </td>
      <td>{figure((s) => s.waiting)}</td>
      <td>{figure((s) => s.active)}</td>
      <td>{figure((s) => s.admitted)}</td>
      <td>{figure((s) => s.booked)}</td>
      <td>{figure((s) => s.remaining)}</td>
    </tr>
  );
}
