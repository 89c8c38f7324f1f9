import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { EventView } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PageLayout } from '../components/page-layout.js';
import { liveResourceProps, ResourceView } from '../components/resource-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatDateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { createLiveResource } from '../live/create-live-resource.js';
import { createPageTitle } from '../page/create-page-title.js';
import { paths } from '../routes/paths.js';
import { fetchDrop, patchDrop } from './console-api.js';
import { consolePaths } from './console-paths.js';
import { DropLive } from './drop-live.js';
import { FairnessPanel } from './fairness-panel.js';
import { KNOB_INPUTS, knobFormOf, toKnobPatch, type KnobForm } from './drop-form.js';
import { FormField } from './form-field.js';
import { mapProblemFields } from './problem-fields.js';

const DROP_REFRESH_MS = 5_000;

/** One drop: its state and controls, the knobs, the live charts, the funnel and the draw. */
export function DropView() {
  const params = useParams<{ eventId: string }>();
  const live = createLiveResource(() => params.eventId, fetchDrop, DROP_REFRESH_MS);
  // The PATCH answer is the drop as it is now; it shows at once, before the next (cached) read.
  const [patched, setPatched] = createSignal<EventView>();
  createEffect(on(() => live.data.latest, () => setPatched(undefined), { defer: true }));
  const drop = () => patched() ?? live.data.latest;
  createPageTitle(() => (drop() ? t('console.drop.pageTitle', { title: drop()!.title }) : undefined));

  return (
    <PageLayout back={{ href: consolePaths.drops, label: t('console.nav.drops') }}>
      <ResourceView {...liveResourceProps(live)} value={drop()} loading={t('console.what.drop')}>
        {(view) => (
          <>
            <div class="console-heading">
              <h1>{view().title}</h1>
              <StatusBadge status={view().status} />
            </div>
            <p class="meta">
              {view().id} · {t(`console.kinds.${view().kind}`)} · {formatDateTime(view().startsAt)}
              <Show when={view().endsAt}> – {formatDateTime(view().endsAt)}</Show> · <a href={paths.event(view().id)}>{t('console.drop.visitorPage')}</a>
            </p>
            <DropControls drop={view()} onChange={setPatched} />
            <DropLive drop={view()} />
            <Knobs drop={view()} onChange={setPatched} />
            <Show when={view().prequeueStartsAt < view().startsAt}>
              <FairnessPanel drop={view()} />
            </Show>
          </>
        )}
      </ResourceView>
    </PageLayout>
  );
}

function DropControls(props: { drop: EventView; onChange: (view: EventView) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const [confirmClose, setConfirmClose] = createSignal(false);
  const send = async (change: Parameters<typeof patchDrop>[1]) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChange(await patchDrop(props.drop.id, change));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const closed = () => props.drop.status === 'closed';
  return (
    <section class="console-section" aria-labelledby="drop-controls">
      <h2 id="drop-controls">{t('console.drop.controls')}</h2>
      <ErrorNotice error={error()} />
      <div class="button-row">
        <Show
          when={props.drop.status === 'paused'}
          fallback={
            <button type="button" class="button button-secondary" disabled={busy() || closed()} onClick={() => void send({ paused: true })}>
              {t('console.drop.pause')}
            </button>
          }
        >
          <button type="button" class="button button-primary" disabled={busy()} onClick={() => void send({ paused: false })}>
            {t('console.drop.resume')}
          </button>
        </Show>
        <button type="button" class="button button-secondary" aria-pressed={props.drop.admission.queueAll} disabled={busy() || closed()} onClick={() => void send({ queueAll: !props.drop.admission.queueAll })}>
          {props.drop.admission.queueAll ? t('console.drop.queueAllOff') : t('console.drop.queueAllOn')}
        </button>
        <button type="button" class="button button-danger-outline" disabled={busy() || closed()} onClick={() => setConfirmClose(true)}>
          {t('console.drop.close')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmClose()}
        title={t('console.drop.closeTitle', { title: props.drop.title })}
        confirmLabel={t('console.drop.close')}
        cancelLabel={t('console.drop.keepOpen')}
        onConfirm={() => {
          setConfirmClose(false);
          void send({ closed: true });
        }}
        onCancel={() => setConfirmClose(false)}
      >
        <p>{t('console.drop.closeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

const KNOBS = ['newUsersPerMinute', 'maxActiveUsers', 'sessionSeconds'] as const;

function Knobs(props: { drop: EventView; onChange: (view: EventView) => void }) {
  const [form, setForm] = createStore<KnobForm>(knobFormOf(props.drop.admission));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const [saved, setSaved] = createSignal(false);
  const [unchanged, setUnchanged] = createSignal(false);
  const errors = createMemo(() => mapProblemFields(error(), KNOB_INPUTS));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const patch = toKnobPatch(form, props.drop.admission);
    setSaved(false);
    setUnchanged(!patch);
    if (!patch || busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      const view = await patchDrop(props.drop.id, patch);
      props.onChange(view);
      setForm(knobFormOf(view.admission));
      setSaved(true);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="console-section" aria-labelledby="drop-knobs">
      <h2 id="drop-knobs">{t('console.knobs.title')}</h2>
      <form id="knobs-form" class="form console-form" novalidate onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error()} />
        <For each={errors().general}>{(message) => <p class="field-error">{message}</p>}</For>
        <div class="form-grid">
          <For each={KNOBS}>
            {(name) => (
              <FormField form="knobs" path={name} label={t(`console.knobs.${name}`)} error={errors().byField[name]}>
                {(attributes) => <input {...attributes} type="number" inputmode="numeric" value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} />}
              </FormField>
            )}
          </For>
        </div>
        <button type="submit" class="button button-primary" disabled={busy()}>
          {t('console.knobs.save')}
        </button>
        <p class="hint" role="status">
          <Show when={saved()}>{t('console.knobs.saved')}</Show>
          <Show when={unchanged()}>{t('console.knobs.unchanged')}</Show>
        </p>
      </form>
    </section>
  );
}
