import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { identityStore } from '../identity/identity-store.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** Logo, the two places a visitor goes back to, and who they are. */
export function TopBar() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const identity = () => identityStore.current();
  const who = () => {
    const current = identity();
    if (!current) return undefined;
    return current.kind === 'member' ? (current.displayName ?? current.userId) : 'Guest';
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
        <span aria-hidden="true">✦</span> 반짝 <span class="logo-latin">Banjjak</span>
      </A>
      <nav aria-label="Main">
        <A href="/" end activeClass="is-active">
          Catalog
        </A>
        <A href="/me" activeClass="is-active">
          My bookings
        </A>
      </nav>
      <div class="who">
        <Show when={who()} fallback={<A href="/login">Log in</A>}>
          {(name) => (
            <>
              <span class="who-name" title="Signed in as">
                {name()}
              </span>
              <Show when={identity()?.kind === 'guest'}>
                <A href="/login">Log in</A>
              </Show>
              <button type="button" class="link-button" onClick={requestLogOut}>
                Log out
              </button>
            </>
          )}
        </Show>
      </div>
      <ConfirmDialog
        open={confirming()}
        title="Forget this guest?"
        confirmLabel="Log out"
        cancelLabel="Stay"
        onConfirm={logOut}
        onCancel={() => setConfirming(false)}
      >
        <p>Guests cannot log back in: bookings made as this guest will no longer be shown on this device.</p>
      </ConfirmDialog>
    </header>
  );
}
