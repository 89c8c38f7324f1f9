import { Show, type JSX } from 'solid-js';
import { inputId } from './problem-fields.js';

export interface FormFieldProps {
  form: string;
  /** The request path the input fills (`admission.newUsersPerMinute`). */
  path: string;
  label: string;
  hint?: string;
  /** The server's message for this field, when it refused it. */
  error: string | undefined;
  /** The input, given its id and ARIA attributes. */
  children: (attributes: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => JSX.Element;
}

/** A labelled input with its hint and, when the API refused it, the refusal right under it. */
export function FormField(props: FormFieldProps) {
  const id = () => inputId(props.form, props.path);
  const describedBy = () => [props.hint ? `${id()}-hint` : '', props.error ? `${id()}-error` : ''].filter(Boolean).join(' ') || undefined;
  const attributes = {
    get id() {
      return id();
    },
    get 'aria-invalid'() {
      return Boolean(props.error);
    },
    get 'aria-describedby'() {
      return describedBy();
    },
  };
  return (
    <div class="field" classList={{ 'is-invalid': Boolean(props.error) }}>
      <label for={id()}>{props.label}</label>
      {/* Getters: the caller spreads them onto its input, which keeps them reactive. */}
      {props.children(attributes)}
      <Show when={props.hint}>
        <p class="hint" id={`${id()}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${id()}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
