import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { ChannelView } from '../../../core/index.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../routes/paths.js';
import { StatusBadge } from './status-badge.js';

/** A live-commerce channel: the whole card opens its player page. */
export function ChannelCard(props: { channel: ChannelView }) {
  return (
    <li>
      <A class="card card-link channel-card" href={paths.channel(props.channel.id)}>
        <div class="card-row">
          <span class="card-title">{props.channel.title}</span>
          <StatusBadge status={props.channel.status} />
        </div>
        <Show when={props.channel.status === 'live'}>
          <p class="meta">{t('catalog.watching', { count: formatNumber(props.channel.viewers) })}</p>
        </Show>
      </A>
    </li>
  );
}
