import type { AdmissionSettings, CreateEventInput, EventKind } from '../../../core/index.js';

/** An item row as typed: every input's raw string (numbers are parsed on submit). */
export interface ItemRow {
  /** Stable across edits, for the list's keys; never sent. */
  key: number;
  id: string;
  label: string;
  capacity: string;
  perUserLimit: string;
  priceKrw: string;
}

/** The create form as typed. Dates are `<input type="datetime-local">` values, in the browser's zone. */
export interface DropForm {
  id: string;
  title: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  prequeueMinutes: string;
  guestsAllowed: boolean;
  queueAll: boolean;
  hidden: boolean;
  channelId: string;
  newUsersPerMinute: string;
  maxActiveUsers: string;
  sessionSeconds: string;
  items: ItemRow[];
}

/** What `POST /api/admin/events` receives; values the server will judge may be of any type. */
export type CreateEventBody = { [K in keyof CreateEventInput]?: unknown };

let nextKey = 1;
export const emptyItemRow = (): ItemRow => ({ key: nextKey++, id: '', label: '', capacity: '', perUserLimit: '1', priceKrw: '' });

/** A `datetime-local` value (`2026-12-05T10:00`) for a moment, in the browser's time zone. */
export function toLocalInput(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * A `datetime-local` value as an ISO instant (UTC). The browser's zone applies, as the operator
 * sees it; a value that is not a date goes to the server as typed, so its refusal names the field.
 */
export function localInputToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** An empty number input is "not given"; anything else is a number for the server to judge. */
export function parseNumberInput(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  return Number(value);
}

/** A new drop opening now, with the admission defaults of the demo drops. */
export function defaultDropForm(now: Date): DropForm {
  return {
    id: '',
    title: '',
    kind: 'booking',
    startsAt: toLocalInput(now),
    endsAt: '',
    prequeueMinutes: '0',
    guestsAllowed: true,
    queueAll: false,
    hidden: false,
    channelId: '',
    newUsersPerMinute: '600',
    maxActiveUsers: '1000',
    sessionSeconds: '600',
    items: [emptyItemRow()],
  };
}

const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());

/**
 * The request for the form. No rule of the API is repeated here: the server validates and names
 * each failing field, which the form then marks (the paths match the input names).
 */
export function toCreateEventRequest(form: DropForm): CreateEventBody {
  const body: CreateEventBody = {
    id: optionalText(form.id),
    title: form.title,
    kind: form.kind,
    startsAt: localInputToIso(form.startsAt),
    endsAt: localInputToIso(form.endsAt),
    prequeueMinutes: parseNumberInput(form.prequeueMinutes),
    guestsAllowed: form.guestsAllowed,
    queueAll: form.queueAll,
    hidden: form.hidden,
    channelId: optionalText(form.channelId),
    admission: {
      newUsersPerMinute: parseNumberInput(form.newUsersPerMinute),
      maxActiveUsers: parseNumberInput(form.maxActiveUsers),
      sessionSeconds: parseNumberInput(form.sessionSeconds),
    },
    items: form.items.map((row) => ({
      id: row.id.trim(),
      label: row.label,
      capacity: parseNumberInput(row.capacity),
      perUserLimit: parseNumberInput(row.perUserLimit),
      priceKrw: parseNumberInput(row.priceKrw),
    })),
  };
  // JSON.stringify drops undefined members: an empty optional input is simply not sent.
  return body;
}

/** The input paths of the create form, for mapping a refusal's fields onto them. */
export function dropFormInputs(form: DropForm): Set<string> {
  const inputs = ['id', 'title', 'kind', 'startsAt', 'endsAt', 'prequeueMinutes', 'guestsAllowed', 'queueAll', 'hidden', 'channelId', 'admission.newUsersPerMinute', 'admission.maxActiveUsers', 'admission.sessionSeconds', 'items'];
  form.items.forEach((_row, index) => {
    for (const name of ['id', 'label', 'capacity', 'perUserLimit', 'priceKrw']) inputs.push(`items.${index}.${name}`);
  });
  return new Set(inputs);
}

export type KnobForm = Record<keyof AdmissionSettings, string>;
/** A knobs PATCH; an emptied knob goes as `null`, which the API refuses naming the field. */
export type KnobPatch = { [K in keyof AdmissionSettings]?: number | null };
export const KNOB_INPUTS: ReadonlySet<string> = new Set(['newUsersPerMinute', 'maxActiveUsers', 'sessionSeconds']);

export const knobFormOf = (admission: AdmissionSettings): KnobForm => ({
  newUsersPerMinute: String(admission.newUsersPerMinute),
  maxActiveUsers: String(admission.maxActiveUsers),
  sessionSeconds: String(admission.sessionSeconds),
});

/**
 * The PATCH for the knobs the operator changed (an emptied input counts as changed, so the server
 * names it); `undefined` when nothing changed.
 */
export function toKnobPatch(form: KnobForm, current: AdmissionSettings): KnobPatch | undefined {
  const patch: KnobPatch = {};
  for (const name of Object.keys(form) as (keyof AdmissionSettings)[]) {
    if (form[name].trim() === String(current[name])) continue;
    patch[name] = form[name].trim() === '' ? null : Number(form[name]);
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
