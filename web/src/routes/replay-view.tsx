import { createResource, createSignal, For, Show } from 'solid-js';
import type { Replay, TimelineEntry } from '../../../core/index.js';
import { resourceError } from '../api/api-error.js';
import { fetchReplay, sendPlay } from '../channel/replay-api.js';
import { productsAt } from '../channel/replay-timeline.js';
import { viewerId } from '../channel/viewer-id.js';
import { fetchEvent } from '../catalog/catalog-api.js';
import { formatCountdown } from '../format/format-countdown.js';
import { ProductCard } from '../components/product-card.js';
import { ResourceView } from '../components/resource-view.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { identityStore } from '../identity/identity-store.js';
import { createPageTitle } from '../page/create-page-title.js';
import { createPlayback } from '../player/create-playback.js';

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
  const [video, setVideo] = createSignal<HTMLVideoElement>();
  createPlayback({ target: { replayId: props.replay.id }, video, url: () => props.replay.playbackUrl, onFatal: setPlayerError });
  let counted = false;
  // The playhead drives the products on screen; the first frame counts one play.
  const tick = (event: Event) => setPosition((event.currentTarget as HTMLVideoElement).currentTime);
  const played = () => {
    if (counted) return;
    counted = true;
    void sendPlay(props.replay.id, viewerId.device(), identityStore.current()?.idToken).catch(() => undefined);
  };

  const jump = (entry: TimelineEntry) => {
    const element = video();
    if (!element) return;
    element.currentTime = entry.offsetSeconds;
    void element.play().catch(() => undefined);
  };
  const current = () => productsAt(props.replay, position());

  return (
    <article class="channel" aria-labelledby="replay-title">
      <div class="player">
        <video ref={setVideo} onTimeUpdate={tick} onPlaying={played} class="player-video" muted playsinline controls aria-label={t('channel.video', { title: props.replay.title })} />
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
