import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { ChannelView, FeaturedProduct } from '../../../core/index.js';
import { resourceError, toApiError, type ApiError } from '../api/api-error.js';
import { fetchChannel, fetchPlaybackToken, sameProducts, sendHearts, sendWatch } from '../channel/channel-api.js';
import { createHeartsBatch } from '../channel/hearts-batch.js';
import { viewerId } from '../channel/viewer-id.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PageLayout } from '../components/page-layout.js';
import { ProductCard } from '../components/product-card.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { ensureIdentity } from '../identity/ensure-identity.js';
import { identityStore } from '../identity/identity-store.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { createPlayback } from '../player/create-playback.js';
import { ReplayView } from './replay-view.js';
import { queueTicketStore } from '../queue/queue-ticket-store.js';
import { paths } from './paths.js';

/** The channel document is cached ≤ 1 s at the edge; polled every second, a pin reaches the page within about 2 s. */
const CHANNEL_REFRESH_MS = 1_000;
const WATCH_EVERY_MS = 20_000;
const HEARTS_TICK_MS = 500;

/** A live show: the video, the products pinned on it, hearts and viewers. */
export default function ChannelPage() {
  const params = useParams<{ channelId: string }>();
  const [search] = useSearchParams<{ replay?: string }>();
  const replayId = () => (typeof search.replay === 'string' && search.replay ? search.replay : undefined);
  const live = createLiveResource(() => !replayId() && params.channelId, fetchChannel, CHANNEL_REFRESH_MS);
  createPageTitle(() => (live.data.latest ? t('channel.pageTitle', { title: live.data.latest.title }) : undefined));
  return (
    <PageLayout back={{ href: '/', label: t('common.allDrops') }}>
      <Show when={!replayId()} fallback={<ReplayView replayId={replayId() ?? ''} />}>
        <ResourceView {...liveResourceProps(live)} loading={t('what.channel')}>
          {(channel) => (
            <Show when={channel().id} keyed>
              {(_id) => <Channel channel={channel()} />}
            </Show>
          )}
        </ResourceView>
      </Show>
    </PageLayout>
  );
}

function Channel(props: { channel: ChannelView }) {
  const channelId = props.channel.id;
  // Which pins to show: the channel document is the truth and arrives within ~2 s of the
  // operator's call; the stream's cues trail it by the stream's latency. A cue set overrides the
  // document only when it carries a pin newer than every pin the document knows (the document is
  // stale: its poll failed); cues replaying the past never bring old pins back.
  const [streamPins, setStreamPins] = createSignal<FeaturedProduct[]>();
  const [shownPins, setShownPins] = createSignal<FeaturedProduct[]>(props.channel.featured.map(({ eventId, itemId }) => ({ eventId, itemId })));
  const showIfNew = (pins: FeaturedProduct[]) => {
    if (!sameProducts(pins, shownPins())) setShownPins(pins);
  };
  let lastDocPins = shownPins();
  createEffect(() => {
    const pins = props.channel.featured.map(({ eventId, itemId }) => ({ eventId, itemId }));
    if (!sameProducts(pins, lastDocPins)) {
      lastDocPins = pins;
      showIfNew(pins);
    }
  });
  const newestDocPin = () => Math.max(0, ...props.channel.featured.map((pin) => Date.parse(pin.pinnedAt)));
  const streamChanged = (pins: FeaturedProduct[], newestPinnedAt: number | undefined) => {
    const previous = streamPins();
    if (previous && sameProducts(previous, pins)) return;
    setStreamPins(pins);
    if (newestPinnedAt !== undefined && newestPinnedAt > newestDocPin()) showIfNew(pins);
  };

  const [source] = createResource(
    () => (props.channel.status === 'live' ? { id: channelId, url: props.channel.playbackUrl, private: props.channel.private } : false),
    async (channel) => {
      if (!channel.private) return channel.url;
      const identity = await ensureIdentity({ membersOnly: false });
      if (!identity) return null;
      return (await fetchPlaybackToken(channel.id, identity.idToken)).playbackUrl;
    },
  );
  const [playerError, setPlayerError] = createSignal<string>();
  const [video, setVideo] = createSignal<HTMLVideoElement>();
  createPlayback({ target: { channelId }, video, url: () => source(), onPins: streamChanged, onFatal: setPlayerError });

  // Counted among the viewers while the page is open.
  const watch = () => void sendWatch(channelId, viewerId.device(), identityStore.current()?.idToken).catch(() => undefined);
  watch();
  const watchTimer = setInterval(watch, WATCH_EVERY_MS);

  const hearts = createHeartsBatch();
  const [unsent, setUnsent] = createSignal(0);
  const [heartError, setHeartError] = createSignal<ApiError>();
  const heartsTimer = setInterval(() => {
    const count = hearts.take(Date.now());
    if (count === 0) return;
    sendHearts(channelId, count, identityStore.current()?.idToken)
      .then(() => setUnsent(hearts.pending()))
      .catch((error: unknown) => {
        const apiError = toApiError(error);
        if (apiError.code === 'rate_limited') hearts.giveBack(count, Date.now(), (apiError.retryAfterSeconds ?? 2) * 1000);
        else setHeartError(apiError);
      });
  }, HEARTS_TICK_MS);

  onCleanup(() => {
    clearInterval(watchTimer);
    clearInterval(heartsTimer);
  });

  return (
    <article class="channel" aria-labelledby="channel-title">
      <div class="player">
        <Show when={props.channel.status === 'live'} fallback={<p class="player-offline">{t('channel.offline')}</p>}>
          <video
            ref={setVideo}
            class="player-video"
            muted
            playsinline
            controls
            aria-label={t('channel.video', { title: props.channel.title })}
          />
        </Show>
      </div>
      <ErrorNotice error={resourceError(source)} />
      <Show when={playerError()}>
        {(code) => (
          <div class="notice notice-error" role="alert">
            <p class="notice-title">{code() === 'unsupported' ? t('channel.unsupported') : t('channel.stopped')}</p>
            <button type="button" class="button button-secondary" onClick={() => location.reload()}>
              {t('channel.reload')}
            </button>
          </div>
        )}
      </Show>
      <header class="channel-header">
        <div class="card-row">
          <h1 id="channel-title">{props.channel.title}</h1>
          <StatusBadge status={props.channel.status} />
        </div>
        <p class="meta">
          <span class="viewers">{t('channel.watching', { count: formatNumber(props.channel.viewers) })}</span>
          {' · '}
          <span class="hearts-total">{t('channel.hearts', { count: formatNumber(props.channel.hearts + unsent()) })}</span>
        </p>
        <Show when={props.channel.private}>
          <p class="hint">{t('channel.private')}</p>
        </Show>
      </header>
      <button
        type="button"
        class="button heart-button"
        onClick={() => {
          hearts.tap();
          setUnsent(hearts.pending());
        }}
      >
        <span aria-hidden="true">♥</span> {t('channel.sendHeart')}
      </button>
      <ErrorNotice error={heartError()} tone="warning" />
      <InLineBanner eventIds={[...new Set([props.channel.eventId, ...shownPins().map((pin) => pin.eventId)].filter((id): id is string => Boolean(id)))]} />
      <section aria-labelledby="on-screen-heading">
        <h2 id="on-screen-heading">{t('channel.onScreen')}</h2>
        <Show when={shownPins().length > 0} fallback={<p class="hint">{t('channel.noPins')}</p>}>
          <ul class="product-list" aria-live="polite">
            <For each={shownPins()}>{(pin) => <ProductCard pin={pin} />}</For>
          </ul>
        </Show>
      </section>
    </article>
  );
}

/** A viewer who queued for a drop of this show: their place is kept, one tap takes them back to it. */
function InLineBanner(props: { eventIds: string[] }) {
  const userId = () => identityStore.current()?.userId;
  const queued = () => props.eventIds.find((eventId) => userId() && queueTicketStore.read(eventId, userId() ?? ''));
  return (
    <Show when={queued()}>
      {(eventId) => (
        <p class="notice notice-success" role="status">
          <A href={paths.queue(eventId())}>{t('channel.backToLine')}</A>
        </p>
      )}
    </Show>
  );
}
