import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, Match, Show, Switch } from 'solid-js';
import type { Booking, ItemView } from '../../../core/index.js';
import { createAccessPass } from '../access/create-access-pass.js';
import { resourceError } from '../api/api-error.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { AccessPassBanner } from '../components/access-pass-banner.js';
import { BookingForm } from '../components/booking-form.js';
import { ErrorNotice } from '../components/error-notice.js';
import { EventHeader } from '../components/event-header.js';
import { Loading } from '../components/loading.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { confirmationPath } from './confirmation-path.js';

const REFRESH_MS = 5_000;

/** Where a visitor lands once let in: pick, book, done, within the access token's lifetime. */
export function BookPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const access = createAccessPass(() => params.id);
  const live = createLiveResource(() => access.pass() && params.id, fetchEvent, REFRESH_MS);
  createPageTitle(() => `Book · ${live.data.latest?.title ?? ''}`);

  const backToLine = () => navigate(`/events/${encodeURIComponent(params.id)}/queue`, { replace: true });
  // No pass (never queued, or it expired): the only way in is through the line.
  createEffect(() => {
    if (!access.pass()) backToLine();
  });

  const booked = (booking: Booking, item: ItemView) =>
    navigate(confirmationPath(booking.id), {
      replace: true,
      state: { booking: { ...booking, eventTitle: live.data.latest?.title, itemLabel: item.label } },
    });

  return (
    <main class="page">
      <A href={`/events/${encodeURIComponent(params.id)}`} class="back-link">
        ← Event details
      </A>
      <Switch>
        <Match when={resourceError(live.data)}>
          {(error) => <ErrorNotice error={error()} onRetry={live.refetch} />}
        </Match>
        <Match when={access.pass() && live.data.latest}>
          {(event) => (
            <>
              <EventHeader event={event()} />
              <ErrorNotice error={live.refreshError()} tone="warning" />
              <Show when={access.pass()}>
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
                        backToLine();
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
          <Loading what="booking" />
        </Match>
      </Switch>
    </main>
  );
}
