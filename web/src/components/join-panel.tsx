import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatDateTime } from '../format/format-date-time.js';
import { identityStore } from '../identity/identity-store.js';
import { loginPath } from '../identity/ensure-identity.js';
import { paths } from '../routes/paths.js';

/** The call to action of an event page for a visitor who has not been let in yet. */
export function JoinPanel(props: { event: EventView }) {
  const queuePath = () => paths.queue(props.event.id);
  const needsLogin = () => !props.event.guestsAllowed && identityStore.current()?.kind !== 'member';

  return (
    <section class="join-panel card" aria-label="Waiting room">
      <Show when={!props.event.guestsAllowed}>
        <p class="hint">Members only: log in with a member account to get in line.</p>
      </Show>
      <Switch>
        <Match when={props.event.status === 'scheduled'}>
          <p>
            The line opens <strong>{formatDateTime(props.event.prequeueStartsAt)}</strong>. Come back then to get a
            place.
          </p>
          <button type="button" class="button button-primary button-block" disabled>
            Line not open yet
          </button>
        </Match>
        <Match when={props.event.status === 'soldout'}>
          <p>Everything has been booked. Cancellations return places, so check back later.</p>
        </Match>
        <Match when={props.event.status === 'closed'}>
          <p>This event is closed.</p>
        </Match>
        <Match when={needsLogin()}>
          <A class="button button-primary button-block" href={loginPath(queuePath(), 'members_only')}>
            Log in to get in line
          </A>
        </Match>
        <Match when={props.event.status === 'prequeue'}>
          <p>
            The sale starts <strong>{formatDateTime(props.event.startsAt)}</strong>. Everyone in the pre-queue by then
            gets a random place, so there is no need to rush.
          </p>
          <A class="button button-primary button-block" href={queuePath()}>
            Get in line
          </A>
        </Match>
        <Match when={props.event.status === 'drawing'}>
          <p>The sale has just started: places are being drawn for the pre-queue. You can still get in line.</p>
          <A class="button button-primary button-block" href={queuePath()}>
            Get in line
          </A>
        </Match>
        <Match when={true}>
          <Show when={props.event.status === 'paused'}>
            <p>Admission is paused for a moment; you can still take your place.</p>
          </Show>
          <A class="button button-primary button-block" href={queuePath()}>
            Join the line
          </A>
        </Match>
      </Switch>
    </section>
  );
}
