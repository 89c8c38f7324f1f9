import { Show } from 'solid-js';
import { formatCountdown } from '../format/format-countdown.js';
import { createNow } from '../time/create-now.js';
import { t } from '../i18n/i18n.js';

/** "You're in": how long the access token still lets this visitor book. */
export function AccessPassBanner(props: { expiresAt: string }) {
  const now = createNow();
  const left = () => Date.parse(props.expiresAt) - now();
  return (
    <div class="notice notice-success">
      <p class="notice-title">{t('access.youreIn')}</p>
      <Show when={left() > 0} fallback={<p class="notice-detail">{t('access.windowClosed')}</p>}>
        <p class="notice-detail">
          {t('access.closesIn')} <strong class="countdown">{formatCountdown(left())}</strong>
        </p>
      </Show>
    </div>
  );
}
