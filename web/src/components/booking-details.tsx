import type { Booking } from '../../../core/index.js';
import { formatDateTime } from '../format/format-date-time.js';
import { StatusBadge } from './status-badge.js';

/** The facts of one booking as a definition list (what a ticket stub would show). */
export function BookingDetails(props: { booking: Booking }) {
  return (
    <dl class="details">
      <dt>Event</dt>
      <dd>{props.booking.eventTitle ?? props.booking.eventId}</dd>
      <dt>Slot / product</dt>
      <dd>{props.booking.itemLabel ?? props.booking.itemId}</dd>
      <dt>Quantity</dt>
      <dd>{props.booking.quantity}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge status={props.booking.status} />
      </dd>
      <dt>Booked</dt>
      <dd>
        <time datetime={props.booking.createdAt}>{formatDateTime(props.booking.createdAt)}</time>
      </dd>
      <dt>Booking id</dt>
      <dd>
        <code class="booking-id">{props.booking.id}</code>
      </dd>
    </dl>
  );
}
