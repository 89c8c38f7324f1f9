import type { ApiError } from '../api/api-error.js';

/** A refusal spread over a form: a message per input, and what no input matches. */
export interface FieldErrors {
  byField: Readonly<Record<string, string>>;
  /** Messages for the request as a whole (`(body)`) or for paths the form has no input for. */
  general: readonly string[];
}

export const NO_FIELD_ERRORS: FieldErrors = { byField: {}, general: [] };

/**
 * Maps a `validation_failed` problem's field paths (`admission.newUsersPerMinute`, `items.1.id`)
 * onto the form's inputs, which are named by the same paths. A path with no input of its own goes
 * to its nearest named parent (`items.2` → `items`), else to the general messages, so no refusal
 * is ever dropped. Other errors carry no fields.
 */
export function mapProblemFields(error: ApiError | undefined, inputs: ReadonlySet<string>): FieldErrors {
  if (!error || error.code !== 'validation_failed') return NO_FIELD_ERRORS;
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const field of error.fields) {
    const target = nearestInput(field.path, inputs);
    if (target === undefined) general.push(field.path === '(body)' ? field.message : `${field.path}: ${field.message}`);
    else byField[target] = byField[target] ? `${byField[target]}; ${field.message}` : field.message;
  }
  return { byField, general };
}

function nearestInput(path: string, inputs: ReadonlySet<string>): string | undefined {
  const segments = path.split('.');
  while (segments.length > 0) {
    const candidate = segments.join('.');
    if (inputs.has(candidate)) return candidate;
    segments.pop();
  }
  return undefined;
}

/** The DOM id of the input for a field path (ids cannot hold dots in CSS selectors comfortably). */
export const inputId = (form: string, path: string) => `${form}-${path.replaceAll('.', '-')}`;
