import { Match, Switch, type Accessor, type JSX } from 'solid-js';
import { resourceError, type ApiError } from '../api/api-error.js';
import type { LiveResource } from '../live/create-live-resource.js';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';

export interface ResourceViewProps<T> {
  /** The loaded value, or a falsy one while there is none yet. */
  value: T | undefined | null | false;
  /** A failure of the first load: shown with a retry instead of the content. */
  error: ApiError | undefined;
  onRetry: () => void;
  /** Said while loading: "Loading {loading}…". */
  loading: string;
  /** A failed background refresh while older data stays on screen. */
  refreshError?: ApiError | undefined;
  /** Ways out shown under a first-load failure (a link to another page). */
  errorActions?: JSX.Element;
  children: (value: Accessor<T>) => JSX.Element;
}

/**
 * The one loading / error / content scaffold of every page: a first load that fails says why and
 * offers a retry, a refresh that fails keeps the content and warns, and loading says what loads.
 */
export function ResourceView<T>(props: ResourceViewProps<T>) {
  return (
    <Switch fallback={<Loading what={props.loading} />}>
      <Match when={props.error}>
        {(error) => (
          <>
            <ErrorNotice error={error()} onRetry={props.onRetry} />
            {props.errorActions}
          </>
        )}
      </Match>
      <Match when={props.value}>
        {(value) => (
          <>
            <ErrorNotice error={props.refreshError} tone="warning" />
            {props.children(value)}
          </>
        )}
      </Match>
    </Switch>
  );
}

/** The scaffold's props for a self-refreshing resource; spread them, then override what differs. */
export function liveResourceProps<T>(live: LiveResource<T>) {
  return {
    get value() {
      return live.data.latest;
    },
    get error() {
      return resourceError(live.data);
    },
    onRetry: live.refetch,
    get refreshError() {
      return live.refreshError();
    },
  };
}
