import { A, useLocation, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { resourceError } from '../api/api-error.js';
import { loadBooking } from '../booking/load-booking.js';
import { BookingDetails } from '../components/booking-details.js';
import { PageLayout } from '../components/page-layout.js';
import { ResourceView } from '../components/resource-view.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths, type ConfirmationState } from './paths.js';
import { t } from '../i18n/i18n.js';
import { BookingQr } from '../components/booking-qr.js';

export function BookingConfirmationPage() {
  const params = useParams<{ bookingId: string }>();
  const location = useLocation<ConfirmationState>();
  const [booking, { refetch }] = createResource(
    () => params.bookingId,
    (bookingId) => loadBooking(bookingId, location.state?.booking),
  );
  createPageTitle(() => t('booking.confirmedTitle'));

  return (
    <PageLayout>
      <ResourceView
        value={booking.latest}
        error={resourceError(booking)}
        onRetry={() => void refetch()}
        loading={t('what.yourBooking')}
        errorActions={
          <A href="/me" class="button button-secondary button-block">
            {t('nav.myBookings')}
          </A>
        }
      >
        {(loaded) => (
          <section class="confirmation card" aria-labelledby="confirmation-title">
            <p class="confirmation-mark" aria-hidden="true">
              ✓
            </p>
            <h1 id="confirmation-title">
              {loaded().status === 'confirmed' ? t('booking.youreBooked') : t('booking.wasCancelled')}
            </h1>
            <Show when={loaded().status === 'confirmed'}>
              <BookingQr bookingId={loaded().id} />
            </Show>
            <BookingDetails booking={loaded()} />
            <p class="hint">{t('booking.showAtDoor')}</p>
            <div class="actions">
              <A href="/me" class="button button-primary button-block">
                {t('nav.myBookings')}
              </A>
              <A href={paths.event(loaded().eventId)} class="button button-secondary button-block">
                {t('booking.backToEvent')}
              </A>
            </div>
          </section>
        )}
      </ResourceView>
    </PageLayout>
  );
}
