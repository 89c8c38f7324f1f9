import { A } from '@solidjs/router';
import { createEffect, Match, on, Show, Switch } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatCountdown } from '../format/format-countdown.js';
import { formatDateTime, formatNumber, formatWaitRange } from '../i18n/format.js';
import { announceTurn } from '../queue/announce-turn.js';
import type { WaitingRoom } from '../queue/create-waiting-room.js';
import { createNow } from '../time/create-now.js';
import { DrawCheck } from './draw-check.js';
import { ErrorNotice } from './error-notice.js';
import { FairnessNote } from './fairness-note.js';
import { LeaveLineButton } from './leave-line-button.js';
import { ProgressBar } from './progress-bar.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../routes/paths.js';

/** What a visitor in line sees; all state comes from the waiting-room machine. */
export function WaitingRoomView(props: { event: EventView; room: WaitingRoom; userId: string }) {
  const now = createNow();
  const status = () => props.room.status()?.status;
  const position = () => props.room.status()?.position ?? null;
  const yourTurn = () => props.room.admitting() || status() === 'ready' || status() === 'admitted';
  const ended = () => status() === 'soldout' || status() === 'closed';
  // The pre-queue was drawn (the sale started after a pre-queue window) and we hold a drawn place.
  const drawn = () =>
    props.event.prequeueStartsAt < props.event.startsAt && now() >= Date.parse(props.event.startsAt) && typeof props.room.ticket()?.seq === 'number';
  createEffect(on(yourTurn, (turn) => turn && announceTurn(t('queue.turnTitle')), { defer: true }));
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
        <Switch fallback={<p class="big">{t('queue.gettingPlace')}</p>}>
          <Match when={yourTurn()}>
            <p class="big">{t('queue.yourTurn')}</p>
          </Match>
          <Match when={status() === 'soldout'}>
            <p class="big">{t('queue.soldOut')}</p>
            <p>{t('queue.soldOutDetail')}</p>
          </Match>
          <Match when={status() === 'closed'}>
            <p class="big">{t('queue.closed')}</p>
            <p>{t('queue.closedDetail')}</p>
          </Match>
          <Match when={status() === 'scheduled'}>
            <p class="big">{t('queue.notOpen')}</p>
            <p>{t('queue.notOpenDetail', { time: formatDateTime(props.event.prequeueStartsAt) })}</p>
          </Match>
          <Match when={status() === 'prequeue'}>
            <p class="big">{t('queue.prequeue')}</p>
            <p>{t('queue.prequeueDetail', { time: formatDateTime(props.event.startsAt) })}</p>
          </Match>
          <Match when={status() === 'drawing'}>
            <p class="big">{t('queue.drawing')}</p>
            <p>{t('queue.drawingDetail')}</p>
          </Match>
          <Match when={status() === 'paused'}>
            <p class="big">{t('queue.paused')}</p>
            <p>{t('queue.pausedDetail')}</p>
          </Match>
          <Match when={position() !== null}>
            <p class="big">
              <Show when={position() !== 0} fallback={t('queue.next')}>
                {t('queue.ahead', { count: position() ?? 0, formatted: formatNumber(position() ?? 0) })}
              </Show>
            </p>
            <p>{t('queue.eta', { eta: formatWaitRange(props.room.wait()) })}</p>
          </Match>
        </Switch>
      </div>

      {/* "Your turn" interrupts: assertive, and visible as a notice too. */}
      <div class="turn-alert" aria-live="assertive" aria-atomic="true">
        <Show when={yourTurn()}>
          <p class="notice notice-success">{t('queue.turnTitle')}</p>
        </Show>
      </div>

      <Show when={status() === 'prequeue'}>
        <p class="countdown-line">
          {t('queue.drawIn')} <strong class="countdown">{formatCountdown(Date.parse(props.event.startsAt) - now())}</strong>
        </p>
        <FairnessNote event={props.event} />
      </Show>

      <Show when={status() === 'waiting' || status() === 'paused'}>
        <ProgressBar value={progress()} label={t('queue.progress')} />
        <Show when={props.room.ticket()?.seq}>{(seq) => <p class="hint">{t('queue.yourNumber', { seq: formatNumber(seq()) })}</p>}</Show>
      </Show>

      <Show when={drawn()}>
        <DrawCheck eventId={props.event.id} userId={props.userId} />
      </Show>

      <Show when={props.room.offline()}>
        <p class="notice notice-warning" role="status">
          {t('queue.offline')}
        </p>
      </Show>
      <ErrorNotice error={props.room.notice()} tone="warning" />
      <ErrorNotice error={props.room.failure()} onRetry={props.room.retry} />

      <Show
        when={ended()}
        fallback={
          <>
            <p class="hint">{t('queue.keepOpen')}</p>
            <Show when={!yourTurn() && props.event.channelId}>
              {(channelId) => (
                <A class="button button-secondary button-block" href={paths.channel(channelId())}>
                  {t('queue.watchWhileWaiting')}
                </A>
              )}
            </Show>
            <Show when={!yourTurn()}>
              <LeaveLineButton onLeave={props.room.leave} />
            </Show>
          </>
        }
      >
        <A class="button button-secondary button-block" href="/">
          {t('common.backToCatalog')}
        </A>
      </Show>
    </section>
  );
}
