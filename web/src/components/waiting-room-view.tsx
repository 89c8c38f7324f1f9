import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { EventView } from '../../../core/index.js';
import { formatCountdown } from '../format/format-countdown.js';
import { formatDateTime, formatEta, formatNumber } from '../i18n/format.js';
import type { WaitingRoom } from '../queue/create-waiting-room.js';
import { createNow } from '../time/create-now.js';
import { ErrorNotice } from './error-notice.js';
import { FairnessNote } from './fairness-note.js';
import { ProgressBar } from './progress-bar.js';
import { t } from '../i18n/i18n.js';

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
        <Switch fallback={<p class="big">{t('queue.gettingPlace')}</p>}>
          <Match when={props.room.admitting() || status() === 'ready' || status() === 'admitted'}>
            <p class="big">{t('queue.yourTurn')}</p>
          </Match>
          <Match when={status() === 'soldout'}>
            <p class="big">{t('queue.soldOut')}</p>
            <p>{t('queue.soldOutDetail')}</p>
          </Match>
          <Match when={status() === 'closed'}>
            <p class="big">{t('queue.closed')}</p>
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
            <p>{t('queue.eta', { eta: formatEta(props.room.status()?.etaSeconds) })}</p>
          </Match>
        </Switch>
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

      <ErrorNotice error={props.room.notice()} tone="warning" />
      <ErrorNotice error={props.room.failure()} onRetry={props.room.retry} />

      <Show
        when={status() === 'soldout' || status() === 'closed'}
        fallback={<p class="hint">{t('queue.keepOpen')}</p>}
      >
        <A class="button button-secondary button-block" href="/">
          {t('common.backToCatalog')}
        </A>
      </Show>
    </section>
  );
}
