import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ensureIdentity } from '../identity/ensure-identity.js';
import { logIn } from '../identity/identity-api.js';
import { identityStore } from '../identity/identity-store.js';
import { createPageTitle } from '../page/create-page-title.js';
import { t } from '../i18n/i18n.js';

/** Only same-site paths: `next` comes from the URL and must not become an open redirect. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function LoginPage() {
  createPageTitle(() => t('login.title'));
  const navigate = useNavigate();
  const [search] = useSearchParams<{ next?: string; reason?: string }>();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const membersOnly = () => search.reason === 'members_only';

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      navigate(safeNext(search.next), { replace: true });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void run(async () => identityStore.save(await logIn(username().trim(), password())));
  };

  const continueAsGuest = () =>
    void run(async () => {
      // A member choosing "guest" wants to stop being that member here.
      if (identityStore.current()?.kind === 'member') identityStore.forget();
      await ensureIdentity({ membersOnly: false });
    });

  return (
    <main class="page page-narrow">
      <h1>{t('login.title')}</h1>
      <Show when={membersOnly()}>
        <div class="notice notice-warning" role="status">
          <p class="notice-title">{t('login.membersOnlyTitle')}</p>
          <p class="notice-detail">{t('login.membersOnlyDetail')}</p>
        </div>
      </Show>
      <Show when={identityStore.current()?.kind === 'member'}>
        <p>{t('login.loggedInAs', { name: identityStore.current()?.displayName ?? identityStore.current()?.userId ?? '' })}</p>
      </Show>
      <form class="form card" onSubmit={submit} aria-busy={busy()}>
        <label for="login-username">{t('login.username')}</label>
        <input
          id="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username()}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label for="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <ErrorNotice error={error()} />
        <button type="submit" class="button button-primary button-block" disabled={busy()}>
          {busy() ? t('login.loggingIn') : t('login.title')}
        </button>
        <p class="hint">{t('login.demoHint')}</p>
      </form>
      <Show when={!membersOnly()}>
        <div class="or">{t('login.or')}</div>
        <button type="button" class="button button-secondary button-block" disabled={busy()} onClick={continueAsGuest}>
          {t('login.guest')}
        </button>
      </Show>
    </main>
  );
}
