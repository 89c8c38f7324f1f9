import { createEffect } from 'solid-js';
import { brand } from '../i18n/brand.js';

/** Keeps document.title in step with the page, so tabs and screen readers say where you are. */
export function createPageTitle(title: () => string | undefined): void {
  createEffect(() => {
    const value = title();
    document.title = value ? `${value} · ${brand.hangul} ${brand.latin}` : `${brand.hangul} ${brand.latin}`;
  });
}
