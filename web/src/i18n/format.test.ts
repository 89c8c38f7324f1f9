import { afterEach, describe, expect, it } from 'vitest';
import { summarizeRemaining } from '../format/summarize-remaining.js';
import { formatDateTime, formatEta, formatNumber, formatPrice, formatWaitRange } from './format.js';
import { errorMessage, locale, setLocale, t } from './i18n.js';

afterEach(() => setLocale('en'));

describe('formatEta', () => {
  it.each([
    [null, 'unknown for now', '아직 알 수 없어요'],
    [Number.POSITIVE_INFINITY, 'unknown for now', '아직 알 수 없어요'],
    [0, 'any moment now', '곧 입장해요'],
    [45, 'less than a minute', '1분 이내'],
    [60, 'about 1 minute', '약 1분'],
    [250, 'about 4 minutes', '약 4분'],
    [3600, 'about 1 h', '약 1시간'],
    [4800, 'about 1 h 20 min', '약 1시간 20분'],
  ])('%s s → %s / %s', (seconds, english, korean) => {
    setLocale('en');
    expect(formatEta(seconds)).toBe(english);
    setLocale('ko');
    expect(formatEta(seconds)).toBe(korean);
  });
});

describe('formatWaitRange', () => {
  it.each([
    [undefined, 'unknown for now', '아직 알 수 없어요'],
    [{ lowSeconds: 0, highSeconds: 0 }, 'any moment now', '곧 입장해요'],
    [{ lowSeconds: 20, highSeconds: 50 }, 'less than a minute', '1분 이내'],
    [{ lowSeconds: 204, highSeconds: 276 }, 'about 3–5 minutes', '약 3–5분'],
    [{ lowSeconds: 30, highSeconds: 100 }, 'about 1–2 minutes', '약 1–2분'],
    [{ lowSeconds: 120, highSeconds: 120 }, 'about 2 minutes', '약 2분'],
    [{ lowSeconds: 3_000, highSeconds: 5_000 }, 'about 50–84 minutes', '약 50–84분'],
    [{ lowSeconds: 3_000, highSeconds: 6_000 }, 'about 1–2 h', '약 1–2시간'],
    [{ lowSeconds: 5_400, highSeconds: 9_000 }, 'about 1–3 h', '약 1–3시간'],
    [{ lowSeconds: 7_300, highSeconds: 10_700 }, 'about 2–3 h', '약 2–3시간'],
  ])('%o → %s / %s', (range, english, korean) => {
    setLocale('en');
    expect(formatWaitRange(range)).toBe(english);
    setLocale('ko');
    expect(formatWaitRange(range)).toBe(korean);
  });
});

describe('the language switch', () => {
  it('changes every message, number and date at once', () => {
    setLocale('en');
    expect(locale()).toBe('en');
    expect(t('queue.ahead', { count: 1, formatted: '1' })).toBe('1 person ahead of you');
    expect(t('queue.ahead', { count: 1284, formatted: formatNumber(1284) })).toBe('1,284 people ahead of you');
    expect(formatDateTime('2026-12-05T01:00:00Z')).toMatch(/Dec/);
    setLocale('ko');
    expect(t('queue.ahead', { count: 1284, formatted: formatNumber(1284) })).toBe('내 앞에 1,284명');
    expect(formatDateTime('2026-12-05T01:00:00Z')).toMatch(/12월 5일/);
    expect(formatPrice(12900)).toBe('₩12,900');
  });

  it('fills templates', () => {
    expect(t('queue.eta', { eta: 'x' })).toBe('Estimated wait: x');
    setLocale('ko');
    expect(t('queue.eta', { eta: 'x' })).toBe('예상 대기 시간: x');
  });

  it('has a sentence for every refusal, and a fallback for a code it does not know', () => {
    expect(errorMessage('sold_out')).toBe('Sold out: everything has been booked.');
    expect(errorMessage('something_new')).toBe('Something went wrong. Try again.');
    setLocale('ko');
    expect(errorMessage('sold_out')).toBe('매진: 모두 예약되었어요.');
  });
});

describe('summarizeRemaining', () => {
  const item = (remaining: number, capacity: number) => ({ id: 'i', label: 'l', remaining, capacity, perUserLimit: 1 });
  it('counts places and open slots for bookings', () => {
    expect(summarizeRemaining({ kind: 'booking', status: 'open', items: [item(3, 10), item(0, 10)] })).toBe('3 of 20 places left in 1 of 2 slots');
    setLocale('ko');
    expect(summarizeRemaining({ kind: 'booking', status: 'open', items: [item(3, 10), item(0, 10)] })).toBe('2개 시간대 중 1개, 20자리 중 3자리 남음');
  });
  it('says sold out when nothing is left', () => {
    expect(summarizeRemaining({ kind: 'deal', status: 'open', items: [item(0, 5)] })).toBe('Sold out');
  });
});
