import { intlLocale, t } from './i18n.js';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateTimeFormat(tag: string): Intl.DateTimeFormat {
  const key = `dt:${tag}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    cache.set(key, format);
  }
  return format;
}

function numberFormat(tag: string): Intl.NumberFormat {
  const key = `n:${tag}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(tag);
    cache.set(key, format);
  }
  return format;
}

/** An event time in the visitor's language and time zone ("Sat, Dec 5, 10:00 AM", "12월 5일 (토) 오전 10:00"). */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateTimeFormat(intlLocale()).format(ms);
}

/** A count with the language's grouping ("1,284"). */
export function formatNumber(value: number): string {
  return numberFormat(intlLocale()).format(value);
}

/** Deal prices are whole won, written the Korean way in both languages ("₩12,900"). */
export function formatPrice(priceKrw: number): string {
  const key = `krw:${intlLocale()}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'KRW' });
    cache.set(key, format);
  }
  return format.format(priceKrw);
}

/** A wait as people say it: "less than a minute", "about 4 minutes", "약 1시간 20분". */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('eta.unknown');
  if (seconds <= 0) return t('eta.now');
  if (seconds < 60) return t('eta.underMinute');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('eta.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('eta.hours', { hours }) : t('eta.hoursMinutes', { hours, minutes: rest });
}

/**
 * A wait range as people say it: "about 3–5 minutes", "약 3–5분", "about 1–2 h". The short end is
 * rounded down and the long end up, so the truth stays inside; a range that rounds to one figure
 * is said as that figure.
 */
export function formatWaitRange(range: { lowSeconds: number; highSeconds: number } | undefined): string {
  if (!range) return t('eta.unknown');
  const { lowSeconds, highSeconds } = range;
  if (highSeconds <= 0) return t('eta.now');
  if (highSeconds < 60) return t('eta.underMinute');
  const low = Math.max(1, Math.floor(lowSeconds / 60));
  const high = Math.max(low, Math.ceil(highSeconds / 60));
  if (high < 90) return low === high ? t('eta.minutes', { minutes: low }) : t('eta.minutesRange', { low, high });
  const lowHours = Math.max(1, Math.floor(low / 60));
  const highHours = Math.max(lowHours, Math.ceil(high / 60));
  return lowHours === highHours ? t('eta.hours', { hours: lowHours }) : t('eta.hoursRange', { low: lowHours, high: highHours });
}
