import type { ChannelStatus, EventStatus, VisitorStatus } from '../../../core/index.js';
import { t } from '../i18n/i18n.js';

type BadgeStatus = EventStatus | VisitorStatus | ChannelStatus | 'confirmed' | 'cancelled';


/** A coloured pill for any status the API speaks; the colour comes from `badge-<status>` in the CSS. */
export function StatusBadge(props: { status: BadgeStatus }) {
  return <span class={`badge badge-${props.status}`}>{t(`status.${props.status}`) ?? props.status}</span>;
}
