import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatDateTime } from '../i18n/format.js';
import { identityStore } from '../identity/identity-store.js';
import { loginPath } from '../identity/ensure-identity.js';
import { paths } from '../routes/paths.js';
import { t } from '../i18n/i18n.js';

/** The call to action of an event page for a visitor who has not been let in yet. */
export function JoinPanel(props: { event: EventView }) {
  const queuePath = () => paths.queue(props.event.id);
  const needsLogin = () => !props.event.guestsAllowed && identityStore.current()?.kind !== 'member';

  return (
    <section class="join-panel card" aria-label={t('join.region')}>
      <Show when={!props.event.guestsAllowed}>
        <p class="hint">{t('join.membersOnly')}</p>
      </Show>
      <Switch>
        <Match when={props.event.status === 'scheduled'}>
          <p>{t('join.opensAt', { time: formatDateTime(props.event.prequeueStartsAt) })}</p>
          <button type="button" class="button button-primary button-block" disabled>
            {t('join.notOpenYet')}
          </button>
        </Match>
        <Match when={props.event.status === 'soldout'}>
          <p>{t('join.soldOut')}</p>
        </Match>
        <Match when={props.event.status === 'closed'}>
          <p>{t('join.closed')}</p>
        </Match>
        <Match when={needsLogin()}>
          <A class="button button-primary button-block" href={loginPath(queuePath(), 'members_only')}>
            {t('join.logInToJoin')}
          </A>
        </Match>
        <Match when={props.event.status === 'prequeue'}>
          <p>{t('join.prequeue', { time: formatDateTime(props.event.startsAt) })}</p>
          <A class="button button-primary button-block" href={queuePath()}>
            {t('join.getInLine')}
          </A>
        </Match>
        <Match when={props.event.status === 'drawing'}>
          <p>{t('join.drawing')}</p>
          <A class="button button-primary button-block" href={queuePath()}>
            {t('join.getInLine')}
          </A>
        </Match>
        <Match when={true}>
          <Show when={props.event.status === 'paused'}>
            <p>{t('join.paused')}</p>
          </Show>
          <A class="button button-primary button-block" href={queuePath()}>
            {t('join.joinTheLine')}
          </A>
        </Match>
      </Switch>
    </section>
  );
}
