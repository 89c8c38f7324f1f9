import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { summarizeRemaining } from '../format/summarize-remaining.js';
import { formatDateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../routes/paths.js';
import { Art } from './art.js';
import { Countdown } from './countdown.js';
import { StatusBadge } from './status-badge.js';

/** One drop: its artwork, status, time (with a countdown when it has not started) and what is left. */
export function EventCard(props: { event: EventView }) {
  const startsSoon = () => props.event.status === 'scheduled' || props.event.status === 'prequeue';
  return (
    <li>
      <A class="card card-link event-card" href={paths.event(props.event.id)}>
        <Art seed={props.event.id} class="card-art" />
        <div class="event-card-body">
          <div class="card-row">
            <span class="kind">{props.event.kind === 'booking' ? t('common.popupBooking') : t('common.flashDeal')}</span>
            <StatusBadge status={props.event.status} />
          </div>
          <h3 class="card-title">{props.event.title}</h3>
          <p class="meta">
            <time datetime={props.event.startsAt}>{formatDateTime(props.event.startsAt)}</time>
            {props.event.venue ? ` · ${props.event.venue}` : ''}
          </p>
          <Show when={startsSoon()}>
            <p class="meta">
              {t('home.startsIn')} <Countdown to={props.event.startsAt} />
            </p>
          </Show>
          <p class="summary">{summarizeRemaining(props.event)}</p>
        </div>
      </A>
    </li>
  );
}
