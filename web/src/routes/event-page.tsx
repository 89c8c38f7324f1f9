import { A, useNavigate, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { Booking, ItemView } from '../../../core/index.js';
import { createAccessPass } from '../access/create-access-pass.js';
import { resourceError } from '../api/api-error.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { AccessPassBanner } from '../components/access-pass-banner.js';
import { BookingForm } from '../components/booking-form.js';
import { ErrorNotice } from '../components/error-notice.js';
import { EventHeader } from '../components/event-header.js';
import { ItemList } from '../components/item-list.js';
import { JoinPanel } from '../components/join-panel.js';
import { Loading } from '../components/loading.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { confirmationPath } from './confirmation-path.js';

/** Remaining places move fast during a drop; the edge caches availability for about a second. */
const REFRESH_MS = 5_000;

export function EventPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const live = createLiveResource(() => params.id, fetchEvent, REFRESH_MS);
  const access = createAccessPass(() => params.id);
  createPageTitle(() => (live.data.state === 'ready' ? live.data()?.title : undefined));

  const booked = (booking: Booking, item: ItemView) =>
    navigate(confirmationPath(booking.id), {
      state: { booking: { ...booking, eventTitle: live.data.latest?.title, itemLabel: item.label } },
    });

  return (
    <main class="page">
      <A href="/" class="back-link">
        ← All drops
      </A>
      <Switch>
        <Match when={resourceError(live.data)}>
          {(error) => <ErrorNotice error={error()} onRetry={live.refetch} />}
        </Match>
        <Match when={live.data.latest}>
          {(event) => (
            <>
              <EventHeader event={event()} />
              <Show when={event().description}>
                <p class="description">{event().description}</p>
              </Show>
              <ErrorNotice error={live.refreshError()} tone="warning" />
              <Show
                when={access.pass()}
                fallback={
                  <>
                    <JoinPanel event={event()} />
                    <ItemList event={event()} />
                  </>
                }
              >
                {(pass) => (
                  <>
                    <AccessPassBanner expiresAt={pass().expiresAt} />
                    <BookingForm
                      event={event()}
                      accessToken={pass().accessToken}
                      userId={pass().userId}
                      onBooked={booked}
                      onPassExpired={() => {
                        access.forget();
                        navigate(`/events/${encodeURIComponent(params.id)}/queue`);
                      }}
                      onStale={live.refetch}
                    />
                  </>
                )}
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading what="event" />
        </Match>
      </Switch>
    </main>
  );
}
