import { Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatDateTime } from '../i18n/format.js';
import { StatusBadge } from './status-badge.js';
import { t } from '../i18n/i18n.js';

/** Title block shared by the event, waiting-room and booking pages. */
export interface EventHeaderProps {
  event: EventView;
  /** Pages that poll a more precise status (the waiting room) hide the event's own. */
  hideStatus?: boolean;
}

export function EventHeader(props: EventHeaderProps) {
  return (
    <header class="event-header">
      <div class="card-row">
        <span class="kind">{props.event.kind === 'booking' ? t('common.popupBooking') : t('common.flashDeal')}</span>
        <Show when={!props.hideStatus}>
          <StatusBadge status={props.event.status} />
        </Show>
      </div>
      <h1>{props.event.title}</h1>
      <p class="meta">
        <time datetime={props.event.startsAt}>{formatDateTime(props.event.startsAt)}</time>
        <Show when={props.event.endsAt}>
          {(endsAt) => <> – <time datetime={endsAt()}>{formatDateTime(endsAt())}</time></>}
        </Show>
        <Show when={props.event.venue}>{(venue) => <> · {venue()}</>}</Show>
      </p>
    </header>
  );
}
