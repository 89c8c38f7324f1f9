/** The languages the app speaks; Korean first, for the shoppers it is made for. */
export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The language to show: the visitor's own choice when they made one, else the first of the
 * browser's languages we speak (`ko-KR` → ko), else English.
 */
export function pickLocale(chosen: string | null | undefined, browserLanguages: readonly string[]): Locale {
  if (isLocale(chosen)) return chosen;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
