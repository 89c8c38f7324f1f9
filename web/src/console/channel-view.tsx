import { useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { ChannelView as Channel, Replay } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from '../routes/paths.js';
import { createReplay, fetchChannel } from './console-api.js';
import { consolePaths } from './console-paths.js';
import { localInputToIso, toLocalInput } from './drop-form.js';
import { FeaturedPicker } from './featured-picker.js';
import { FormField } from './form-field.js';
import { mapProblemFields } from './problem-fields.js';
import { QoePanel } from './qoe-panel.js';

/** The channel document is cached ≤ 1 s: a new pin shows here as it shows on phones. */
const CHANNEL_EVERY_MS = 2_000;

/** One channel: the products pinned on it, its playback quality, and ending the show as a replay. */
export function ChannelView() {
  const params = useParams<{ channelId: string }>();
  const live = createLiveResource(() => params.channelId, fetchChannel, CHANNEL_EVERY_MS);
  const [saved, setSaved] = createSignal<Channel>();
  const channel = () => {
    const fresh = live.data.latest;
    const mine = saved();
    return mine && (!fresh || fresh.updatedAt < mine.updatedAt) ? mine : fresh;
  };
  createPageTitle(() => (channel() ? t('console.channel.pageTitle', { title: channel()!.title }) : undefined));
  return (
    <PageLayout back={{ href: consolePaths.channels, label: t('console.nav.channels') }}>
      <ResourceView {...liveResourceProps(live)} value={channel()} loading={t('console.what.channel')}>
        {(view) => (
          <>
            <div class="console-heading">
              <h1>{view().title}</h1>
              <StatusBadge status={view().status} />
            </div>
            <p class="meta">
              {view().id} · <a href={paths.channel(view().id)}>{t('console.channel.viewerPage')}</a>
            </p>
            <FeaturedPicker channel={view()} onSaved={setSaved} />
            <QoePanel channelId={view().id} />
            <ReplayForm channelId={view().id} />
          </>
        )}
      </ResourceView>
    </PageLayout>
  );
}

function ReplayForm(props: { channelId: string }) {
  const [startedAt, setStartedAt] = createSignal(toLocalInput(new Date(Date.now() - 30 * 60_000)));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const [replay, setReplay] = createSignal<Replay>();
  const errors = createMemo(() => mapProblemFields(error(), new Set(['startedAt'])));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setReplay(await createReplay(props.channelId, { startedAt: localInputToIso(startedAt()) ?? '' }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="console-section" aria-labelledby="channel-replay">
      <h2 id="channel-replay">{t('console.replay.title')}</h2>
      <p class="hint">{t('console.replay.intro')}</p>
      <form class="form console-form" novalidate onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error()} />
        <For each={errors().general}>{(message) => <p class="field-error">{message}</p>}</For>
        <FormField form="replay" path="startedAt" label={t('console.replay.startedAt')} error={errors().byField.startedAt}>
          {(attributes) => <input {...attributes} type="datetime-local" value={startedAt()} onInput={(event) => setStartedAt(event.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="button button-secondary" disabled={busy()}>
          {t('console.replay.submit')}
        </button>
      </form>
      <Show when={replay()}>
        {(made) => (
          <p class="notice notice-success" role="status">
            {t('console.replay.made', { title: made().title, id: made().id, from: formatDateTime(made().startedAt), to: formatDateTime(made().endedAt) })}
          </p>
        )}
      </Show>
    </section>
  );
}
