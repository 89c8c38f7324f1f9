import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { Replay, TimelineEntry } from '../../../core/index.js';
import { resourceError } from '../api/api-error.js';
import { sendQoe } from '../channel/channel-api.js';
import { fetchReplay, sendPlay } from '../channel/replay-api.js';
import { viewerId } from '../channel/viewer-id.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { formatCountdown } from '../format/format-countdown.js';
import { ProductCard } from '../components/product-card.js';
import { ResourceView } from '../components/resource-view.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { identityStore } from '../identity/identity-store.js';
import { createPageTitle } from '../page/create-page-title.js';
import { attachPlayer } from '../player/attach-player.js';
import { createQoeSession } from '../player/qoe-session.js';
import { productsAt } from '../channel/replay-timeline.js';

const QOE_EVERY_MS = 15_000;

/** A finished show: the recording, its product timeline (tap to jump), and the products at the playhead. */
export function ReplayView(props: { replayId: string }) {
  const [replay, { refetch }] = createResource(() => props.replayId, fetchReplay);
  createPageTitle(() => replay.latest?.title);
  return (
    <ResourceView value={replay.latest} error={resourceError(replay)} onRetry={() => void refetch()} loading={t('what.replay')}>
      {(loaded) => <ReplayPlayer replay={loaded()} />}
    </ResourceView>
  );
}

function ReplayPlayer(props: { replay: Replay }) {
  const [position, setPosition] = createSignal(0);
  const [playerError, setPlayerError] = createSignal<string>();
  const session = createQoeSession({ replayId: props.replay.id }, viewerId.session());
  let video: HTMLVideoElement | undefined;
  let counted = false;

  createEffect(() => {
    const url = props.replay.playbackUrl;
    if (!video) return;
    const element = video;
    let handle: { destroy(): void } | undefined;
    let gone = false;
    const tick = () => setPosition(element.currentTime);
    const played = () => {
      if (counted) return;
      counted = true;
      void sendPlay(props.replay.id, viewerId.device(), identityStore.current()?.idToken).catch(() => undefined);
    };
    element.addEventListener('timeupdate', tick);
    element.addEventListener('playing', played);
    void attachPlayer(element, url, { session, onPins: () => undefined, onFatal: setPlayerError }).then((attached) => {
      if (gone) attached.destroy();
      else handle = attached;
    });
    onCleanup(() => {
      gone = true;
      element.removeEventListener('timeupdate', tick);
      element.removeEventListener('playing', played);
      handle?.destroy();
    });
  });

  const flushQoe = (closing: boolean) => {
    const beacon = session.flush(performance.now());
    if (beacon) sendQoe([beacon], closing);
  };
  const qoeTimer = setInterval(() => flushQoe(false), QOE_EVERY_MS);
  const leaving = () => flushQoe(true);
  window.addEventListener('pagehide', leaving);
  onCleanup(() => {
    flushQoe(true);
    clearInterval(qoeTimer);
    window.removeEventListener('pagehide', leaving);
  });

  const jump = (entry: TimelineEntry) => {
    if (!video) return;
    video.currentTime = entry.offsetSeconds;
    void video.play().catch(() => undefined);
  };
  const current = () => productsAt(props.replay, position());

  return (
    <article class="channel" aria-labelledby="replay-title">
      <div class="player">
        <video ref={(element) => (video = element)} class="player-video" muted playsinline controls aria-label={t('channel.video', { title: props.replay.title })} />
      </div>
      <Show when={playerError()}>
        <div class="notice notice-error" role="alert">
          <p class="notice-title">{t('channel.stopped')}</p>
        </div>
      </Show>
      <header class="channel-header">
        <h1 id="replay-title">{props.replay.title}</h1>
        <p class="meta">
          {t('replay.aired', { time: formatDateTime(props.replay.startedAt) })} · {t('home.plays', { count: formatNumber(props.replay.plays) })}
        </p>
      </header>
      <Show when={props.replay.timeline.length > 0}>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('replay.timeline')}</h2>
          <ol class="timeline">
            <For each={props.replay.timeline}>
              {(entry) => <TimelineButton entry={entry} current={current().some((pin) => pin.eventId === entry.eventId && pin.itemId === entry.itemId)} onJump={() => jump(entry)} />}
            </For>
          </ol>
        </section>
      </Show>
      <section aria-labelledby="on-screen-heading">
        <h2 id="on-screen-heading">{t('channel.onScreen')}</h2>
        <Show when={current().length > 0} fallback={<p class="hint">{t('replay.noPins')}</p>}>
          <ul class="product-list">
            <For each={current()}>{(pin) => <ProductCard pin={pin} />}</For>
          </ul>
        </Show>
      </section>
    </article>
  );
}

function TimelineButton(props: { entry: TimelineEntry; current: boolean; onJump: () => void }) {
  const [event] = createResource(() => props.entry.eventId, fetchEvent);
  const label = () => event.latest?.items.find((item) => item.id === props.entry.itemId)?.label ?? props.entry.itemId;
  return (
    <li>
      <button type="button" class="button button-secondary" classList={{ 'is-current': props.current }} aria-current={props.current ? 'true' : undefined} onClick={() => props.onJump()}>
        {t('replay.jump', { at: formatCountdown(props.entry.offsetSeconds * 1000), label: label() })}
      </button>
    </li>
  );
}
