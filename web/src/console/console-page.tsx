import { A, type RouteSectionProps } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { t } from '../i18n/i18n.js';
import { createPageTitle } from '../page/create-page-title.js';
import { verifyOperatorToken } from './console-api.js';
import { consolePaths } from './console-paths.js';
import { operatorSession } from './operator-session.js';
import './console.css';

export { ChannelView } from './channel-view.js';
export { ChannelsView } from './channels-view.js';
export { CreateDropView } from './create-drop-view.js';
export { DropView } from './drop-view.js';
export { DropsView } from './drops-view.js';

/**
 * The operator console (its own chunk: nothing here loads for visitors). Without an operator token
 * for this tab it shows the token form; with one, the console's pages.
 */
export default function ConsolePage(props: RouteSectionProps) {
  return (
    <div class="console">
      <Show when={operatorSession.token()} fallback={<SignIn />}>
        <nav class="console-nav" aria-label={t('console.nav.label')}>
          <A href={consolePaths.drops} end activeClass="is-active">
            {t('console.nav.drops')}
          </A>
          <A href={consolePaths.newDrop} activeClass="is-active">
            {t('console.nav.newDrop')}
          </A>
          <A href={consolePaths.channels} activeClass="is-active">
            {t('console.nav.channels')}
          </A>
          <button type="button" class="link-button" onClick={() => operatorSession.signOut()}>
            {t('console.nav.signOut')}
          </button>
        </nav>
        {props.children}
      </Show>
    </div>
  );
}

function SignIn() {
  createPageTitle(() => t('console.signIn.title'));
  const [value, setValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const token = value().trim();
    if (!token || busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      await verifyOperatorToken(token);
      operatorSession.signIn(token);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="page page-narrow">
      <h1>{t('console.signIn.title')}</h1>
      <p class="hint">{t('console.signIn.intro')}</p>
      <ErrorNotice error={error() ?? operatorSession.refusal()} />
      <form class="form" onSubmit={(event) => void submit(event)}>
        <label for="operator-token">{t('console.signIn.token')}</label>
        <input id="operator-token" type="password" autocomplete="off" required value={value()} onInput={(event) => setValue(event.currentTarget.value)} />
        <button type="submit" class="button button-primary button-block" disabled={busy()}>
          {t('console.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
