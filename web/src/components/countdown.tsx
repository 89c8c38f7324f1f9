import { formatCountdown } from '../format/format-countdown.js';
import { createNow } from '../time/create-now.js';
import { t } from '../i18n/i18n.js';

/** A ticking clock face to a moment ("4:09", "1:05:09"); a day or more reads "2d 4:09:00" / "2일 4:09:00". */
export function Countdown(props: { to: string }) {
  const now = createNow();
  const left = () => Date.parse(props.to) - now();
  const text = () => {
    const ms = left();
    const days = Math.floor(ms / 86_400_000);
    return days > 0 ? t('home.days', { days, clock: formatCountdown(ms - days * 86_400_000) }) : formatCountdown(ms);
  };
  return (
    <time class="countdown" datetime={props.to}>
      {text()}
    </time>
  );
}
