import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isConditionFailure } from '../ledger/dynamo-table.js';
import type { OriginMetrics } from './origin-metrics.js';

/**
 * Counts every request of `client` that fails (after the SDK's own retries) as a DynamoDB error; a
 * conditional write refused is the ledger's answer, not a fault, and is not counted.
 */
export function countDynamoErrors(client: DynamoDBClient, metrics: Pick<OriginMetrics, 'storeErrors'>): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isConditionFailure(error)) metrics.storeErrors.inc({ store: 'dynamodb' });
        throw error;
      }
    },
    { step: 'initialize', name: 'countDynamoErrors' },
  );
}
