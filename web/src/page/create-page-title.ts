import { createEffect } from 'solid-js';

/** Keeps document.title in step with the page, so tabs and screen readers say where you are. */
export function createPageTitle(title: () => string | undefined): void {
  createEffect(() => {
    const value = title();
    document.title = value ? `${value} · 반짝 Banjjak` : '반짝 Banjjak';
  });
}
