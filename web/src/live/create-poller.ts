import { createEffect, onCleanup, type Accessor } from 'solid-js';
import { makeTimeoutLoop, type TimeoutLoop, type TimeoutLoopOptions } from './make-timeout-loop.js';

export interface PollerOptions extends TimeoutLoopOptions {
  /** Polls only while true; stopping and starting again is cheap. @default always */
  enabled?: Accessor<boolean>;
}

/**
 * A timeout loop owned by the current component: it stops when the component is cleaned up and
 * polls at once when the tab becomes visible again (background tabs have their timers throttled,
 * and a phone coming back from the lock screen should not show a stale position).
 */
export function createPoller(options: PollerOptions): TimeoutLoop {
  const loop = makeTimeoutLoop(options);
  const enabled = options.enabled ?? (() => true);

  createEffect(() => {
    if (enabled()) loop.start();
    else loop.stop();
  });

  const onVisible = () => {
    if (document.visibilityState === 'visible') loop.runNow();
  };
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisible);
    loop.stop();
  });
  return loop;
}
