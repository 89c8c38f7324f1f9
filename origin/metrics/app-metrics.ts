import type { OriginMetrics } from './origin-metrics.js';

/** The counters the CloudWatch dashboard and alarms read (infra/lib/stacks/monitoring-stack.ts). */
export const APP_METRIC_NAMES = ['Joins', 'Admits', 'Bookings', 'SoldOut', 'RedisErrors', 'DynamoErrors'] as const;
export type AppMetricName = (typeof APP_METRIC_NAMES)[number];
export type AppMetricCounts = Partial<Record<AppMetricName, number>>;

type Counted = OriginMetrics['joins'] | OriginMetrics['bookings'] | OriginMetrics['storeErrors'];

async function total(metric: Counted, only: (labels: Record<string, unknown>) => boolean = () => true): Promise<number> {
  const { values } = await metric.get();
  return values.filter((value) => only(value.labels)).reduce((sum, value) => sum + value.value, 0);
}

/** The EMF counters as running totals of the registry's (bookings: those created). */
async function totals(metrics: OriginMetrics): Promise<Record<AppMetricName, number>> {
  const [Joins, Admits, Bookings, SoldOut, RedisErrors, DynamoErrors] = await Promise.all([
    total(metrics.joins),
    total(metrics.admits),
    total(metrics.bookings, (labels) => labels.outcome === 'created'),
    total(metrics.soldOut),
    total(metrics.storeErrors, (labels) => labels.store === 'redis'),
    total(metrics.storeErrors, (labels) => labels.store === 'dynamodb'),
  ]);
  return { Joins, Admits, Bookings, SoldOut, RedisErrors, DynamoErrors };
}

/** Each call answers what was counted since the previous one: only names that moved. */
export function createEmfDrain(metrics: OriginMetrics): () => Promise<AppMetricCounts> {
  let last: AppMetricCounts = {};
  return async () => {
    const now = await totals(metrics);
    const moved = APP_METRIC_NAMES.filter((name) => now[name] > (last[name] ?? 0));
    const counts = Object.fromEntries(moved.map((name) => [name, now[name] - (last[name] ?? 0)]));
    last = now;
    return counts;
  };
}

/**
 * The counts as one CloudWatch Embedded Metric Format document (namespace Banjjak, dimension
 * Stage): logged by the Lambda, CloudWatch turns it into metrics with no API call.
 */
export function toEmf(counts: AppMetricCounts, stage: string, now: number): Record<string, unknown> | undefined {
  const names = APP_METRIC_NAMES.filter((name) => counts[name] !== undefined);
  if (names.length === 0) return undefined;
  return {
    _aws: { Timestamp: now, CloudWatchMetrics: [{ Namespace: 'Banjjak', Dimensions: [['Stage']], Metrics: names.map((Name) => ({ Name, Unit: 'Count' })) }] },
    Stage: stage,
    ...Object.fromEntries(names.map((name) => [name, counts[name]])),
  };
}
