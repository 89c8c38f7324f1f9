import { createResource, Show } from 'solid-js';
import { t } from '../i18n/i18n.js';

/** The booking id as a QR code to show at the door; its encoder loads only on the pages that show one. */
export function BookingQr(props: { bookingId: string }) {
  const [qr] = createResource(
    () => props.bookingId,
    async (id) => (await import('../booking/qr-path.js')).qrPath(id),
  );
  return (
    <Show when={qr()}>
      {(code) => (
        <figure class="booking-qr">
          {/* The id itself is in the details below the code. */}
          <svg viewBox={`-2 -2 ${code().size + 4} ${code().size + 4}`} role="img" aria-label={t('booking.qr')} shape-rendering="crispEdges">
            <rect x="-2" y="-2" width={code().size + 4} height={code().size + 4} fill="#fff" />
            <path d={code().d} fill="#000" />
          </svg>
        </figure>
      )}
    </Show>
  );
}
