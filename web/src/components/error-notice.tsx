import { Show } from 'solid-js';
import type { ApiError } from '../api/api-error.js';
import { errorMessage, t } from '../i18n/i18n.js';

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
          <p class="notice-title">{errorMessage(error().code)}</p>
          {/* The server's detail names the field that failed; other details are for developers, not visitors. */}
          <Show when={error().code === 'validation_failed' && error().detail}>
            <p class="notice-detail">{error().detail}</p>
          </Show>
          <Show when={props.onRetry}>
            {(retry) => (
              <button type="button" class="button button-secondary" onClick={() => retry()()}>
                {props.retryLabel ?? t('common.tryAgain')}
              </button>
            )}
          </Show>
        </div>
      )}
    </Show>
  );
}
