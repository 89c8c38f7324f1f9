import { createMiddleware } from 'hono/factory';

/** The counters the CloudWatch dashboard and alarms read (infra/lib/stacks/monitoring-stack.ts). */
export const APP_METRIC_NAMES = ['Joins', 'Admits', 'Bookings', 'SoldOut', 'RedisErrors'] as const;
export type AppMetricName = (typeof APP_METRIC_NAMES)[number];

export interface AppMetrics {
  count(name: AppMetricName, by?: number): void;
  /** The counts since the last drain, then zero; only names counted at least once. */
  drain(): Partial<Record<AppMetricName, number>>;
}

export function createAppMetrics(): AppMetrics {
  let counts: Partial<Record<AppMetricName, number>> = {};
  return {
    count(name, by = 1) {
      counts[name] = (counts[name] ?? 0) + by;
    },
    drain() {
      const drained = counts;
      counts = {};
      return drained;
    },
  };
}

/** One process, one set of counters: the Redis adapters and the HTTP layer count into it. */
export const appMetrics = createAppMetrics();

const JOIN = /^\/api\/queue\/[^/]+\/join$/;
const ADMIT = /^\/api\/queue\/[^/]+\/admit$/;
const BOOK = /^\/api\/events\/[^/]+\/bookings$/;

/** Counts the drop funnel from the answers: a place taken, a turn traded, a booking made, a sold-out refusal. */
export function countAnswers(metrics: AppMetrics = appMetrics) {
  return createMiddleware(async (c, next) => {
    await next();
    if (c.req.method !== 'POST') return;
    const { path } = c.req;
    const status = c.res.status;
    if (JOIN.test(path) && (status === 200 || status === 201)) metrics.count('Joins');
    else if (ADMIT.test(path) && status === 200) metrics.count('Admits');
    else if (BOOK.test(path) && status === 201) metrics.count('Bookings');
    if (status === 409) {
      const body = (await c.res.clone().json().catch(() => undefined)) as { code?: unknown } | undefined;
      if (body?.code === 'sold_out') metrics.count('SoldOut');
    }
  });
}

/**
 * The counts as one CloudWatch Embedded Metric Format line (namespace Banjjak, dimension Stage):
 * printed to the Lambda log, CloudWatch turns it into metrics with no API call.
 */
export function toEmf(counts: Partial<Record<AppMetricName, number>>, stage: string, now: number): string | undefined {
  const names = APP_METRIC_NAMES.filter((name) => counts[name] !== undefined);
  if (names.length === 0) return undefined;
  return JSON.stringify({
    _aws: { Timestamp: now, CloudWatchMetrics: [{ Namespace: 'Banjjak', Dimensions: [['Stage']], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) }] },
    Stage: stage,
    ...Object.fromEntries(names.map((name) => [name, counts[name]])),
  });
}
