import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { ChannelView } from '../../../core/index.js';
import { StatusBadge } from './status-badge.js';
import { paths } from '../routes/paths.js';
import { t } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/format.js';

/**
 * A live-commerce channel; the player comes later, so the card links to the drop of the product on
 * screen (`featured[0]`), else to the channel's own drop.
 */
export function ChannelCard(props: { channel: ChannelView }) {
  const dropId = () => props.channel.featured[0]?.eventId ?? props.channel.eventId;
  const body = () => (
    <>
      <div class="card-row">
        <span class="card-title">{props.channel.title}</span>
        <StatusBadge status={props.channel.status} />
      </div>
      <Show when={props.channel.status === 'live'}>
        <p class="meta">{t('catalog.watching', { count: formatNumber(props.channel.viewers) })}</p>
      </Show>
    </>
  );
  return (
    <li>
      <Show when={dropId()} fallback={<div class="card channel-card">{body()}</div>}>
        {(eventId) => (
          <A class="card card-link channel-card" href={paths.event(eventId())}>
            {body()}
          </A>
        )}
      </Show>
    </li>
  );
}
