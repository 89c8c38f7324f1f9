import { A, useLocation, useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { resourceError } from '../api/api-error.js';
import { loadBooking } from '../booking/load-booking.js';
import { BookingDetails } from '../components/booking-details.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { createPageTitle } from '../page/create-page-title.js';
import type { ConfirmationState } from './confirmation-path.js';

export function BookingConfirmationPage() {
  const params = useParams<{ bookingId: string }>();
  const location = useLocation<ConfirmationState>();
  const [booking, { refetch }] = createResource(
    () => params.bookingId,
    (bookingId) => loadBooking(bookingId, location.state?.booking),
  );
  createPageTitle(() => 'Booking confirmed');

  return (
    <main class="page">
      <Switch>
        <Match when={resourceError(booking)}>
          {(error) => (
            <>
              <ErrorNotice error={error()} onRetry={() => void refetch()} />
              <A href="/me" class="button button-secondary button-block">
                My bookings
              </A>
            </>
          )}
        </Match>
        <Match when={booking.latest}>
          {(loaded) => (
            <section class="confirmation card" aria-labelledby="confirmation-title">
              <p class="confirmation-mark" aria-hidden="true">
                ✓
              </p>
              <h1 id="confirmation-title">
                {loaded().status === 'confirmed' ? "You're booked!" : 'This booking was cancelled'}
              </h1>
              <BookingDetails booking={loaded()} />
              <p class="hint">Show the booking id at the door or keep it for customer support.</p>
              <div class="actions">
                <A href="/me" class="button button-primary button-block">
                  My bookings
                </A>
                <A href={`/events/${encodeURIComponent(loaded().eventId)}`} class="button button-secondary button-block">
                  Back to the event
                </A>
              </div>
            </section>
          )}
        </Match>
        <Match when={true}>
          <Loading what="your booking" />
        </Match>
      </Switch>
    </main>
  );
}
