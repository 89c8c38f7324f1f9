import { describe, expect, it } from 'vitest';
import { createEmfDrain, toEmf } from './app-metrics.js';
import { createOriginMetrics } from './origin-metrics.js';

describe('the EMF counters the Lambda prints', () => {
  it('drain what moved since the last drain, from the same registry the Node server serves', async () => {
    const metrics = createOriginMetrics();
    const drain = createEmfDrain(metrics);
    metrics.joins.inc(3);
    metrics.bookings.inc({ outcome: 'created' }, 2);
    metrics.bookings.inc({ outcome: 'sold_out' });
    metrics.storeErrors.inc({ store: 'redis' });
    expect(await drain()).toEqual({ Joins: 3, Bookings: 2, RedisErrors: 1 });
    expect(await drain()).toEqual({});
    metrics.joins.inc();
    metrics.soldOut.inc();
    metrics.storeErrors.inc({ store: 'dynamodb' });
    expect(await drain()).toEqual({ Joins: 1, SoldOut: 1, DynamoErrors: 1 });
  });

  it('print as one EMF document CloudWatch reads', () => {
    expect(toEmf({ RedisErrors: 1 }, 'prod', 1_700_000_000_000)).toEqual({
      _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'Banjjak', Dimensions: [['Stage']], Metrics: [{ Name: 'RedisErrors', Unit: 'Count' }] }] },
      Stage: 'prod',
      RedisErrors: 1,
    });
    expect(toEmf({}, 'prod', 0)).toBeUndefined();
  });
});
