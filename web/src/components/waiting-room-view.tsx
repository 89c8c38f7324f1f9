import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatCountdown } from '../format/format-countdown.js';
import { formatDateTime } from '../format/format-date-time.js';
import { formatEta } from '../format/format-eta.js';
import type { WaitingRoom } from '../queue/create-waiting-room.js';
import { createNow } from '../time/create-now.js';
import { ErrorNotice } from './error-notice.js';
import { FairnessNote } from './fairness-note.js';
import { ProgressBar } from './progress-bar.js';

/** What a visitor in line sees; all state comes from the waiting-room machine. */
export function WaitingRoomView(props: { event: EventView; room: WaitingRoom }) {
  const now = createNow();
  const status = () => props.room.status()?.status;
  const position = () => props.room.status()?.position ?? null;
  const progress = () => {
    const first = props.room.ticket()?.firstPosition;
    const current = position();
    if (current === null || first === undefined) return 0;
    return first <= 0 ? 1 : 1 - current / first;
  };

  return (
    <section class="waiting-room card" aria-labelledby="waiting-room-status">
      {/* The one live region: position changes are announced politely, never the whole page. */}
      <div id="waiting-room-status" class="waiting-headline" aria-live="polite" aria-atomic="true">
        <Switch fallback={<p class="big">Getting your place in line…</p>}>
          <Match when={props.room.admitting() || status() === 'ready' || status() === 'admitted'}>
            <p class="big">It's your turn! Letting you in…</p>
          </Match>
          <Match when={status() === 'soldout'}>
            <p class="big">Sold out</p>
            <p>Everything has been booked. Cancellations can return places later.</p>
          </Match>
          <Match when={status() === 'closed'}>
            <p class="big">This event is closed</p>
          </Match>
          <Match when={status() === 'scheduled'}>
            <p class="big">The line is not open yet</p>
            <p>It opens {formatDateTime(props.event.prequeueStartsAt)}. Keep this page open and we'll join for you.</p>
          </Match>
          <Match when={status() === 'prequeue'}>
            <p class="big">You're in the pre-queue</p>
            <p>
              Places are drawn at random when the sale starts, {formatDateTime(props.event.startsAt)}: joining early gives no
              advantage, being here on time does.
            </p>
          </Match>
          <Match when={status() === 'drawing'}>
            <p class="big">Drawing places…</p>
            <p>The sale has started and everyone in the pre-queue is getting a random place. Yours appears in a moment.</p>
          </Match>
          <Match when={status() === 'paused'}>
            <p class="big">The line is paused</p>
            <p>The organiser paused admission for a moment. You keep your place.</p>
          </Match>
          <Match when={position() !== null}>
            <p class="big">
              <Show when={position() !== 0} fallback="You're next">
                {position()?.toLocaleString()} {position() === 1 ? 'person' : 'people'} ahead of you
              </Show>
            </p>
            <p>Estimated wait: {formatEta(props.room.status()?.etaSeconds)}</p>
          </Match>
        </Switch>
      </div>

      <Show when={status() === 'prequeue'}>
        <p class="countdown-line">
          Draw in <strong class="countdown">{formatCountdown(Date.parse(props.event.startsAt) - now())}</strong>
        </p>
        <FairnessNote event={props.event} />
      </Show>

      <Show when={status() === 'waiting' || status() === 'paused'}>
        <ProgressBar value={progress()} label="Progress through the line" />
        <Show when={props.room.ticket()?.seq}>{(seq) => <p class="hint">Your number: #{seq().toLocaleString()}</p>}</Show>
      </Show>

      <ErrorNotice error={props.room.notice()} tone="warning" />
      <ErrorNotice error={props.room.failure()} onRetry={props.room.retry} />

      <Show
        when={status() === 'soldout' || status() === 'closed'}
        fallback={<p class="hint">Keep this page open. You can lock your phone: we catch up as soon as you are back.</p>}
      >
        <A class="button button-secondary button-block" href="/">
          Back to the catalog
        </A>
      </Show>
    </section>
  );
}
