import type { Booking } from '../../../core/index.js';
import { formatDateTime } from '../i18n/format.js';
import { StatusBadge } from './status-badge.js';
import { t } from '../i18n/i18n.js';

/** The facts of one booking as a definition list (what a ticket stub would show). */
export function BookingDetails(props: { booking: Booking }) {
  return (
    <dl class="details">
      <dt>{t('booking.event')}</dt>
      <dd>{props.booking.eventTitle ?? props.booking.eventId}</dd>
      <dt>{t('booking.item')}</dt>
      <dd>{props.booking.itemLabel ?? props.booking.itemId}</dd>
      <dt>{t('booking.quantity')}</dt>
      <dd>{props.booking.quantity}</dd>
      <dt>{t('booking.status')}</dt>
      <dd>
        <StatusBadge status={props.booking.status} />
      </dd>
      <dt>{t('booking.booked')}</dt>
      <dd>
        <time datetime={props.booking.createdAt}>{formatDateTime(props.booking.createdAt)}</time>
      </dd>
      <dt>{t('booking.id')}</dt>
      <dd>
        <code class="booking-id">{props.booking.id}</code>
      </dd>
    </dl>
  );
}
