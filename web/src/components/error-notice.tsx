import { Show } from 'solid-js';
import type { ApiError } from '../api/api-error.js';

export interface ErrorNoticeProps {
  error: ApiError | undefined;
  /** Softer styling for problems we are already retrying through. */
  tone?: 'error' | 'warning';
  onRetry?: () => void;
  retryLabel?: string;
}

/** A problem document as the visitor sees it: its title, its detail, and maybe a way out. */
export function ErrorNotice(props: ErrorNoticeProps) {
  return (
    <Show when={props.error}>
      {(error) => (
        <div class={`notice notice-${props.tone ?? 'error'}`} role={props.tone === 'warning' ? 'status' : 'alert'}>
          <p class="notice-title">{error().title}</p>
          <Show when={error().detail && error().detail !== error().title}>
            <p class="notice-detail">{error().detail}</p>
          </Show>
          <Show when={props.onRetry}>
            {(retry) => (
              <button type="button" class="button button-secondary" onClick={() => retry()()}>
                {props.retryLabel ?? 'Try again'}
              </button>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}
