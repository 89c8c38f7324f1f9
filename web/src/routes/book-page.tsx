import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import type { Booking, ItemView } from '../../../core/index.js';
import { createAccessPass } from '../access/create-access-pass.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { AccessPassBanner } from '../components/access-pass-banner.js';
import { BookingForm } from '../components/booking-form.js';
import { EventHeader } from '../components/event-header.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from './paths.js';
import { t } from '../i18n/i18n.js';

const REFRESH_MS = 5_000;

/** The one place to book: where a visitor lands once let in, within the access token's lifetime. */
export function BookPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const access = createAccessPass(() => params.id);
  const live = createLiveResource(() => access.pass() && params.id, fetchEvent, REFRESH_MS);
  createPageTitle(() => t('book.pageTitle', { title: live.data.latest?.title ?? '' }));

  const backToLine = () => navigate(paths.queue(params.id), { replace: true });
  // No pass (never queued, or it expired): the only way in is through the line.
  createEffect(() => {
    if (!access.pass()) backToLine();
  });

  const booked = (booking: Booking, item: ItemView) =>
    navigate(paths.confirmation(booking.id), {
      replace: true,
      state: { booking: { ...booking, eventTitle: live.data.latest?.title, itemLabel: item.label } },
    });

  return (
    <PageLayout back={{ href: paths.event(params.id), label: t('common.eventDetails') }}>
      <ResourceView {...liveResourceProps(live)} value={access.pass() && live.data.latest} loading={t('what.booking')}>
        {(event) => (
          <>
            <EventHeader event={event()} />
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
      </ResourceView>
    </PageLayout>
  );
}
