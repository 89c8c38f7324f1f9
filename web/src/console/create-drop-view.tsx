import { useNavigate } from '@solidjs/router';
import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { eventKinds } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { ErrorNotice } from '../components/error-notice.js';
import { PageLayout } from '../components/page-layout.js';
import { t } from '../i18n/i18n.js';
import { createPageTitle } from '../page/create-page-title.js';
import { createDrop } from './console-api.js';
import { consolePaths } from './console-paths.js';
import { defaultDropForm, dropFormInputs, emptyItemRow, toCreateEventRequest, type DropForm, type ItemRow } from './drop-form.js';
import { FormField } from './form-field.js';
import { mapProblemFields } from './problem-fields.js';

const FORM = 'drop';
type TextField = 'id' | 'title' | 'startsAt' | 'endsAt' | 'prequeueMinutes' | 'channelId' | 'newUsersPerMinute' | 'maxActiveUsers' | 'sessionSeconds';
type ItemField = Exclude<keyof ItemRow, 'key'>;

/** A new drop: the API judges every value, and a refusal marks each field it names. */
export function CreateDropView() {
  createPageTitle(() => t('console.create.title'));
  const navigate = useNavigate();
  const [form, setForm] = createStore<DropForm>(defaultDropForm(new Date()));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ApiError>();
  const errors = createMemo(() => mapProblemFields(error(), dropFormInputs(form)));
  const fieldError = (path: string) => errors().byField[path];

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await createDrop(toCreateEventRequest(form));
      navigate(consolePaths.drop(created.id));
    } catch (caught) {
      setError(toApiError(caught));
      // The first marked input gets the focus, so a keyboard user lands on what to fix.
      queueMicrotask(() => document.querySelector<HTMLElement>(`#${FORM}-form [aria-invalid="true"]`)?.focus());
    } finally {
      setBusy(false);
    }
  };

  const text = (name: TextField, label: string, type = 'text', hint?: string) => {
    const path = ['newUsersPerMinute', 'maxActiveUsers', 'sessionSeconds'].includes(name) ? `admission.${name}` : name;
    return (
      <FormField form={FORM} path={path} label={label} hint={hint} error={fieldError(path)}>
        {(attributes) => <input {...attributes} type={type} inputmode={type === 'number' ? 'numeric' : undefined} value={form[name]} onInput={(event) => setForm(name, event.currentTarget.value)} />}
      </FormField>
    );
  };
  const check = (name: 'guestsAllowed' | 'queueAll' | 'hidden', label: string) => (
    <label class="choice">
      <input type="checkbox" checked={form[name]} onChange={(event) => setForm(name, event.currentTarget.checked)} aria-invalid={Boolean(fieldError(name))} />
      <span>{label}</span>
    </label>
  );
  const itemInput = (index: number, name: ItemField, label: string, type = 'text') => (
    <FormField form={FORM} path={`items.${index}.${name}`} label={label} error={fieldError(`items.${index}.${name}`)}>
      {(attributes) => (
        <input {...attributes} type={type} inputmode={type === 'number' ? 'numeric' : undefined} value={form.items[index]?.[name] ?? ''} onInput={(event) => setForm('items', index, name, event.currentTarget.value)} />
      )}
    </FormField>
  );

  return (
    <PageLayout back={{ href: consolePaths.drops, label: t('console.nav.drops') }}>
      <h1>{t('console.create.title')}</h1>
      <form id={`${FORM}-form`} class="form console-form" novalidate onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error()} />
        <Show when={errors().general.length > 0}>
          <ul class="field-error">
            <For each={errors().general}>{(message) => <li>{message}</li>}</For>
          </ul>
        </Show>
        <fieldset>
          <legend>{t('console.create.about')}</legend>
          <div class="form-grid">
            {text('title', t('console.create.dropTitle'))}
            {text('id', t('console.create.id'), 'text', t('console.create.idHint'))}
            <FormField form={FORM} path="kind" label={t('console.create.kind')} error={fieldError('kind')}>
              {(attributes) => (
                <select {...attributes} value={form.kind} onChange={(event) => setForm('kind', event.currentTarget.value as DropForm['kind'])}>
                  <For each={eventKinds}>{(kind) => <option value={kind}>{t(`console.kinds.${kind}`)}</option>}</For>
                </select>
              )}
            </FormField>
            {text('channelId', t('console.create.channelId'), 'text', t('console.create.channelIdHint'))}
            {text('startsAt', t('console.create.startsAt'), 'datetime-local')}
            {text('endsAt', t('console.create.endsAt'), 'datetime-local')}
            {text('prequeueMinutes', t('console.create.prequeueMinutes'), 'number', t('console.create.prequeueHint'))}
          </div>
          {check('guestsAllowed', t('console.create.guestsAllowed'))}
          {check('hidden', t('console.create.hidden'))}
        </fieldset>
        <fieldset>
          <legend>{t('console.knobs.title')}</legend>
          <div class="form-grid">
            {text('newUsersPerMinute', t('console.knobs.newUsersPerMinute'), 'number')}
            {text('maxActiveUsers', t('console.knobs.maxActiveUsers'), 'number')}
            {text('sessionSeconds', t('console.knobs.sessionSeconds'), 'number')}
          </div>
          {check('queueAll', t('console.knobs.queueAll'))}
        </fieldset>
        <fieldset>
          <legend>{t('console.create.items')}</legend>
          <Show when={fieldError('items')}>{(message) => <p class="field-error">{message()}</p>}</Show>
          <Index each={form.items}>
            {(_row, index) => (
              <div class="item-row" role="group" aria-label={t('console.create.itemN', { n: index + 1 })}>
                {itemInput(index, 'id', t('console.create.itemId'))}
                {itemInput(index, 'label', t('console.create.itemLabel'))}
                {itemInput(index, 'capacity', t('console.create.capacity'), 'number')}
                {itemInput(index, 'perUserLimit', t('console.create.perUserLimit'), 'number')}
                {itemInput(index, 'priceKrw', t('console.create.priceKrw'), 'number')}
                <button
                  type="button"
                  class="button button-danger-outline"
                  disabled={form.items.length === 1}
                  onClick={() => setForm('items', (items) => items.filter((_item, at) => at !== index))}
                >
                  {t('console.create.removeItem', { n: index + 1 })}
                </button>
              </div>
            )}
          </Index>
          <button type="button" class="button button-secondary" onClick={() => setForm('items', produce((items) => void items.push(emptyItemRow())))}>
            {t('console.create.addItem')}
          </button>
        </fieldset>
        <button type="submit" class="button button-primary button-block" disabled={busy()}>
          {t('console.create.submit')}
        </button>
      </form>
    </PageLayout>
  );
}
