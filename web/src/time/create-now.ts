import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The current time as a signal that ticks every `intervalMs`, for countdowns. */
export function createNow(intervalMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
