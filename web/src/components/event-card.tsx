import { A } from '@solidjs/router';
import type { EventView } from '../../../core/index.js';
import { formatDateTime } from '../i18n/format.js';
import { summarizeRemaining } from '../format/summarize-remaining.js';
import { StatusBadge } from './status-badge.js';
import { paths } from '../routes/paths.js';
import { t } from '../i18n/i18n.js';

/** One event in the catalog; the whole card is the link. */
export function EventCard(props: { event: EventView }) {
  return (
    <li>
      <A class="card card-link event-card" href={paths.event(props.event.id)}>
        <div class="card-row">
          <span class="kind">{props.event.kind === 'booking' ? t('common.popupBooking') : t('common.flashDeal')}</span>
          <StatusBadge status={props.event.status} />
        </div>
        <h3 class="card-title">{props.event.title}</h3>
        <p class="meta">
          <time datetime={props.event.startsAt}>{formatDateTime(props.event.startsAt)}</time>
          {props.event.venue ? ` · ${props.event.venue}` : ''}
        </p>
        <p class="summary">{summarizeRemaining(props.event)}</p>
      </A>
    </li>
  );
}
