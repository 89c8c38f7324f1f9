import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { createAccessPass } from '../access/create-access-pass.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { AccessPassBanner } from '../components/access-pass-banner.js';
import { EventHeader } from '../components/event-header.js';
import { ItemList } from '../components/item-list.js';
import { JoinPanel } from '../components/join-panel.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from './paths.js';
import { t } from '../i18n/i18n.js';

/** Remaining places move fast during a drop; the edge caches availability for about a second. */
const REFRESH_MS = 5_000;

/** An event's details and live availability; the way in is the line, booking is its own page. */
export function EventPage() {
  const params = useParams<{ id: string }>();
  const live = createLiveResource(() => params.id, fetchEvent, REFRESH_MS);
  const access = createAccessPass(() => params.id);
  createPageTitle(() => live.data.latest?.title);

  return (
    <PageLayout back={{ href: '/', label: t('common.allDrops') }}>
      <ResourceView {...liveResourceProps(live)} loading={t('what.event')}>
        {(event) => (
          <>
            <EventHeader event={event()} />
            <Show when={event().description}>
              <p class="description">{event().description}</p>
            </Show>
            <Show when={access.pass()} fallback={<JoinPanel event={event()} />}>
              {(pass) => (
                <>
                  <AccessPassBanner expiresAt={pass().expiresAt} />
                  <A class="button button-primary button-block" href={paths.book(params.id)}>
                    {t('event.continueToBooking')}
                  </A>
                </>
              )}
            </Show>
            <ItemList event={event()} />
          </>
        )}
      </ResourceView>
    </PageLayout>
  );
}
