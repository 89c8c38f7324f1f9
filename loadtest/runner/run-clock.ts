import { performance } from 'node:perf_hooks';

/**
 * Milliseconds on a clock every thread of the process shares: `timeOrigin` is per thread, but
 * `timeOrigin + now()` is the same high-resolution wall time in each, so a worker's admit times
 * can be compared with another worker's (the admission-order check needs exactly that).
 */
export function runClock(): number {
  return performance.timeOrigin + performance.now();
}
