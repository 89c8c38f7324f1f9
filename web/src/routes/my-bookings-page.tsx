import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Booking } from '../../../core/index.js';
import { resourceError, toApiError, type ApiError } from '../api/api-error.js';
import { cancelBooking, fetchMyBookings } from '../booking/booking-api.js';
import { BookingDetails } from '../components/booking-details.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PageLayout } from '../components/page-layout.js';
import { ResourceView } from '../components/resource-view.js';
import { identityStore } from '../identity/identity-store.js';
import { createPageTitle } from '../page/create-page-title.js';
import { t } from '../i18n/i18n.js';

const newestFirst = (a: Booking, b: Booking) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export function MyBookingsPage() {
  createPageTitle(() => t('me.title'));
  // No identity means no bookings: do not mint a guest just to show an empty list.
  const [list, { refetch, mutate }] = createResource(
    () => identityStore.current()?.idToken ?? false,
    async (idToken) => (await fetchMyBookings(idToken)).bookings.slice().sort(newestFirst),
  );
  const [toCancel, setToCancel] = createSignal<Booking>();
  const [cancelling, setCancelling] = createSignal(false);
  const [cancelError, setCancelError] = createSignal<ApiError>();

  async function confirmCancel() {
    const booking = toCancel();
    const identity = identityStore.current();
    setToCancel(undefined);
    if (!booking || !identity) return;
    setCancelling(true);
    setCancelError(undefined);
    try {
      const { booking: cancelled } = await cancelBooking(identity.idToken, booking.id);
      // Keep the denormalised labels the list had; the cancel answer may not carry them.
      mutate((current) => current?.map((item) => (item.id === cancelled.id ? { ...item, ...cancelled } : item)));
    } catch (error) {
      setCancelError(toApiError(error));
      void refetch();
    } finally {
      setCancelling(false);
    }
  }

  return (
    <PageLayout>
      <h1>{t('me.title')}</h1>
      <ErrorNotice error={cancelError()} />
      <Show
        when={identityStore.current()}
        fallback={
          <>
            <p>{t('me.noneInBrowser')}</p>
            <A href="/login?next=%2Fme" class="button button-primary button-block">
              {t('me.logInToSee')}
            </A>
          </>
        }
      >
        <ResourceView value={list.latest} error={resourceError(list)} onRetry={() => void refetch()} loading={t('what.yourBookings')}>
          {(bookings) => (
            <Show when={bookings().length > 0} fallback={<p>{t('me.none')}</p>}>
              <ul class="booking-list" aria-busy={cancelling()}>
                <For each={bookings()}>
                  {(booking) => (
                    <li class="card" classList={{ 'is-cancelled': booking.status === 'cancelled' }}>
                      <BookingDetails booking={booking} />
                      <Show when={booking.status === 'confirmed'}>
                        <button
                          type="button"
                          class="button button-danger-outline button-block"
                          disabled={cancelling()}
                          onClick={() => setToCancel(booking)}
                        >
                          {t('me.cancel')}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </ResourceView>
      </Show>

      <ConfirmDialog
        open={toCancel() !== undefined}
        title={t('me.cancelTitle')}
        confirmLabel={t('me.cancelConfirm')}
        onConfirm={() => void confirmCancel()}
        onCancel={() => setToCancel(undefined)}
      >
        <p>
          {t('me.cancelBody', {
            item: toCancel()?.itemLabel ?? toCancel()?.itemId ?? '',
            quantity: toCancel()?.quantity ?? 0,
            event: toCancel()?.eventTitle ?? toCancel()?.eventId ?? '',
          })}
        </p>
      </ConfirmDialog>
    </PageLayout>
  );
}
