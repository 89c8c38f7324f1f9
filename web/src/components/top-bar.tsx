import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { identityStore } from '../identity/identity-store.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { locale, setLocale, t } from '../i18n/i18n.js';
import { brand } from '../i18n/brand.js';

/** Logo, the two places a visitor goes back to, and who they are. */
export function TopBar() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const identity = () => identityStore.current();
  const who = () => {
    const current = identity();
    if (!current) return undefined;
    return current.kind === 'member' ? (current.displayName ?? current.userId) : t('nav.guest');
  };
  const logOut = () => {
    setConfirming(false);
    identityStore.forget();
    navigate('/');
  };
  // A guest cannot log back in: forgetting it loses its bookings on this device, so ask first.
  const requestLogOut = () => (identity()?.kind === 'guest' ? setConfirming(true) : logOut());

  return (
    <header class="top-bar">
      <A href="/" class="logo" end>
        <span aria-hidden="true">✦</span> {brand.hangul} <span class="logo-latin">{brand.latin}</span>
      </A>
      <nav aria-label={t('nav.main')}>
        <A href="/" end activeClass="is-active">
          {t('nav.catalog')}
        </A>
        <A href="/me" activeClass="is-active">
          {t('nav.myBookings')}
        </A>
        <button
          type="button"
          class="link-button lang-toggle"
          lang={locale() === 'ko' ? 'en' : 'ko'}
          onClick={() => setLocale(locale() === 'ko' ? 'en' : 'ko')}
        >
          {t('nav.switchTo')}
        </button>
      </nav>
      <div class="who">
        <Show when={who()} fallback={<A href="/login">{t('nav.logIn')}</A>}>
          {(name) => (
            <>
              <span class="who-name" title={t('nav.signedInAs')}>
                {name()}
              </span>
              <Show when={identity()?.kind === 'guest'}>
                <A href="/login">{t('nav.logIn')}</A>
              </Show>
              <button type="button" class="link-button" onClick={requestLogOut}>
                {t('nav.logOut')}
              </button>
            </>
          )}
        </Show>
      </div>
      <ConfirmDialog
        open={confirming()}
        title={t('nav.forgetGuestTitle')}
        confirmLabel={t('nav.logOut')}
        cancelLabel={t('nav.stay')}
        onConfirm={logOut}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('nav.forgetGuestBody')}</p>
      </ConfirmDialog>
    </header>
  );
}
