import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, PendingBooking } from './ledger.js';

type PendingJournal = Pick<Ledger, 'putPending' | 'listPending' | 'deletePending'>;

/**
 * The journal of booking attempts in flight: `PENDING#<bookingId>` items beside the event, so one
 * consistent Query (no index, no lag) finds every attempt a crash may have left behind.
 */
export function createDynamoPendingJournal({ doc, tableName, queryAll }: DynamoTable): PendingJournal {
  return {
    async putPending({ booking, deadline }) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.pending(booking.eventId, booking.id), booking, deadline },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async listPending(eventId) {
      const rows = await queryAll<PendingBooking>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :pending)',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':pending': 'PENDING#' },
        ConsistentRead: true,
      });
      return rows.map(({ booking, deadline }) => ({ booking, deadline }));
    },

    async deletePending(eventId, bookingId) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.pending(eventId, bookingId) }));
    },
  };
}
