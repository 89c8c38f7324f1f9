import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, PendingBooking } from './ledger.js';

type PendingJournal = Pick<Ledger, 'putPending' | 'listPending' | 'deletePending' | 'renewLease' | 'leaseExpiry'>;

/** Lease items outlive their instance by a day, then DynamoDB's TTL (attribute `expiresTtl`, s) removes them. */
const LEASE_KEPT_SECONDS = 86_400;

/**
 * The journal of booking attempts in flight: `PENDING#<bookingId>` items beside the event, so one
 * consistent Query (no index, no lag) finds every attempt a crash may have left behind.
 */
export function createDynamoPendingJournal({ doc, tableName, queryAll }: DynamoTable): PendingJournal {
  return {
    async putPending({ booking, deadline, owner }) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.pending(booking.eventId, booking.id), booking, deadline, owner },
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
      return rows.map(({ booking, deadline, owner }) => ({ booking, deadline, ...(owner && { owner }) }));
    },

    async renewLease(owner, expiresAt) {
      await conditionally(() =>
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.lease(owner),
            UpdateExpression: 'SET expiresAt = :at, expiresTtl = :ttl',
            ConditionExpression: 'attribute_not_exists(expiresAt) OR expiresAt < :at',
            ExpressionAttributeValues: { ':at': expiresAt, ':ttl': Math.ceil(expiresAt / 1000) + LEASE_KEPT_SECONDS },
          }),
        ),
      );
    },

    async leaseExpiry(owner) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.lease(owner), ConsistentRead: true }));
      return typeof Item?.expiresAt === 'number' ? Item.expiresAt : undefined;
    },

    async deletePending(eventId, bookingId) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.pending(eventId, bookingId) }));
    },
  };
}
