import type { RequestLine } from '../core/index.js';

/**
 * What the edge tells its runtime about itself: a thin port, so the app stays Web APIs only. The
 * Node entry implements it with pino and prom-client (`entry/node-telemetry.ts`); elsewhere the
 * default writes faults as JSON to the console, which Workers and Lambda@Edge collect.
 */
export interface EdgeObserver {
  /** One answered request. Unset: no request lines (CloudFront and Workers keep access logs). */
  request?(line: RequestLine): void;
  /** Something thrown that is not an expected 4xx, with the id of the request it broke. */
  fault(requestId: string | undefined, error: unknown): void;
}

export const consoleObserver: EdgeObserver = {
  fault(requestId, error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: 'error', role: 'edge', msg: 'edge error', requestId, err: { message } }));
  },
};
