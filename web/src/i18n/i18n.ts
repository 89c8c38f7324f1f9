import * as i18n from '@solid-primitives/i18n';
import { createSignal } from 'solid-js';
import type { ApiErrorCode } from '../api/api-error.js';
import { en } from './messages/en.js';
import { ko } from './messages/ko.js';
import type { Messages } from './messages/messages.js';
import { isLocale, pickLocale, type Locale } from './locale.js';

/**
 * The visitor's language. Kept outside the `banjjak.` records that logging out clears: a language
 * is the person's, not the account's.
 */
const LOCALE_KEY = 'banjjak-locale';

const dictionaries: Record<Locale, ReturnType<typeof i18n.flatten<Messages>>> = {
  en: i18n.flatten(en),
  ko: i18n.flatten(ko),
};

function storedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) ?? null;
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator as Navigator | undefined;
  return nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
}

const [locale, setLocaleSignal] = createSignal<Locale>(pickLocale(storedLocale(), browserLanguages()));

function applyToDocument(value: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}
applyToDocument(locale());

export { locale };

/** Switches the language everywhere at once and remembers the choice on this device. */
export function setLocale(value: Locale): void {
  if (!isLocale(value)) return;
  setLocaleSignal(value);
  applyToDocument(value);
  try {
    globalThis.localStorage?.setItem(LOCALE_KEY, value);
  } catch {
    // Private mode: the choice lasts until the tab closes.
  }
}

/** `t('queue.eta', { eta })`: the message in the current language (reactive in JSX). */
export const t = i18n.translator(() => dictionaries[locale()], i18n.resolveTemplate);

const errorMessages = (value: Locale): Record<ApiErrorCode, string> => (value === 'ko' ? ko : (en as Messages)).errors;

/** The human sentence for an API refusal's `code`, in the current language. */
export function errorMessage(code: string): string {
  const messages = errorMessages(locale());
  return (messages as Record<string, string>)[code] ?? messages.unexpected_response;
}

/** BCP 47 tags for Intl: Korean dates and numbers as Koreans write them. */
export const intlLocale = (): string => (locale() === 'ko' ? 'ko-KR' : 'en');
