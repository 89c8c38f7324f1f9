import type { EventView } from '../../core/index.js';
import type { RunOptions } from '../args.js';
import type { WorkerSetup } from './worker-protocol.js';

/** `total` in `parts` whole shares that differ by at most one. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/**
 * The run cut into one setup per worker thread: visitors, sockets, request budget and poll rate
 * each split evenly. Never more workers than visitors, so every worker has someone to play.
 */
export function splitRun(options: RunOptions, event: EventView): WorkerSetup[] {
  const count = Math.max(1, Math.min(options.workers, options.visitors));
  const visitors = split(options.visitors, count);
  const connections = split(Math.max(options.concurrency, count), count);
  const requests = split(Math.max(options.maxRequests, count), count);
  return visitors.map((share, index) => ({
    options,
    event,
    share: { index, count, visitors: share, rps: options.rps / count },
    connections: connections[index] ?? 1,
    maxRequests: requests[index] ?? 1,
  }));
}
