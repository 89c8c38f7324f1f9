import type { ChannelStatus, EventStatus, VisitorStatus } from '../../../core/index.js';

type BadgeStatus = EventStatus | VisitorStatus | ChannelStatus | 'confirmed' | 'cancelled';

const labels: Record<BadgeStatus, string> = {
  scheduled: 'Coming soon',
  prequeue: 'Pre-queue open',
  drawing: 'Drawing places',
  open: 'Open now',
  paused: 'Paused',
  soldout: 'Sold out',
  closed: 'Closed',
  waiting: 'In line',
  ready: 'Your turn',
  admitted: 'Admitted',
  live: 'Live',
  offline: 'Offline',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
};

/** A coloured pill for any status the API speaks; the colour comes from `badge-<status>` in the CSS. */
export function StatusBadge(props: { status: BadgeStatus }) {
  return <span class={`badge badge-${props.status}`}>{labels[props.status] ?? props.status}</span>;
}
