import { createResource, createSignal, type Accessor, type Resource } from 'solid-js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { createPoller } from './create-poller.js';

export interface LiveResource<T> {
  data: Resource<T>;
  refetch: () => void;
  /** Set when the latest background refresh failed while older data is still on screen. */
  refreshError: Accessor<ApiError | undefined>;
}

/**
 * A resource that refreshes itself every `intervalMs` (remaining places, catalog). The first load
 * fails loudly through `data.error`; a failed refresh keeps the last good value on screen and only
 * raises `refreshError`, because a dropped poll must not blank a page the visitor is reading.
 */
export function createLiveResource<S, T>(
  source: Accessor<S | false | undefined>,
  fetcher: (source: S) => Promise<T>,
  intervalMs: number,
): LiveResource<T> {
  const [refreshError, setRefreshError] = createSignal<ApiError>();
  const [data, { refetch }] = createResource<T, S>(source, async (key, info) => {
    try {
      const value = await fetcher(key);
      setRefreshError(undefined);
      return value;
    } catch (error) {
      if (info.refetching && info.value !== undefined) {
        setRefreshError(toApiError(error));
        return info.value;
      }
      throw toApiError(error);
    }
  });

  createPoller({
    run: async () => {
      await refetch();
    },
    delayMs: () => intervalMs,
    enabled: () => Boolean(source()) && data.state !== 'errored',
  });

  return { data, refetch: () => void refetch(), refreshError };
}
