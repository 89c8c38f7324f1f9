import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ensureIdentity } from '../identity/ensure-identity.js';
import { logIn } from '../identity/identity-api.js';
import { identityStore } from '../identity/identity-store.js';
import { createPageTitle } from '../page/create-page-title.js';

/** Only same-site paths: `next` comes from the URL and must not become an open redirect. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function LoginPage() {
  createPageTitle(() => 'Log in');
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
      <h1>Log in</h1>
      <Show when={membersOnly()}>
        <div class="notice notice-warning" role="status">
          <p class="notice-title">This event is for members only</p>
          <p class="notice-detail">Log in with a member account to get in line.</p>
        </div>
      </Show>
      <Show when={identityStore.current()?.kind === 'member'}>
        <p>You are logged in as {identityStore.current()?.displayName ?? identityStore.current()?.userId}.</p>
      </Show>
      <form class="form card" onSubmit={submit} aria-busy={busy()}>
        <label for="login-username">User name</label>
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
        <label for="login-password">Password</label>
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
          {busy() ? 'Logging in…' : 'Log in'}
        </button>
        <p class="hint">
          Demo members are <code>user1</code> to <code>user5</code>; the password is printed by the server at start
          (by default <code>flashdrop</code>).
        </p>
      </form>
      <Show when={!membersOnly()}>
        <div class="or">or</div>
        <button type="button" class="button button-secondary button-block" disabled={busy()} onClick={continueAsGuest}>
          Continue as guest
        </button>
      </Show>
    </main>
  );
}
