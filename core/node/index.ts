/**
 * Node-only helpers for the Node entries of the edge and the origin (`edge/entry/node.ts`,
 * `origin/main.ts`): never imported by runtime-neutral code, so not exported from `core/index.ts`.
 */
export { createDrain, DRAIN_MS, type Drain, type DrainableServer } from './drain.js';
export { serveMetrics, type MetricsListener, type MetricsSource } from './serve-metrics.js';
export { createBufferedStdout, type BufferedStdout } from './buffered-stdout.js';
