import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { QueueCheckpoint } from '../admission/admission-queue.js';
import type { EventRecord } from '../events/event-record.js';
import type { BookingRecord, CancelResult, ConfirmResult, Ledger, MemberRecord } from './ledger.js';

const keys = {
  event: (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' }),
  item: (eventId: string, itemId: string) => ({ pk: `EVENT#${eventId}`, sk: `ITEM#${itemId}` }),
  queue: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'QUEUE' }),
  booking: (id: string) => ({ pk: `BOOKING#${id}`, sk: 'BOOKING' }),
  member: (username: string) => ({ pk: `MEMBER#${username}`, sk: 'MEMBER' }),
};

const pickCheckpoint = ({ tailSeq, servingSeq, admitted, drawn }: QueueCheckpoint): QueueCheckpoint => ({ tailSeq, servingSeq, admitted, drawn });
const sameCheckpoint = (a: QueueCheckpoint, b: QueueCheckpoint): boolean =>
  a.tailSeq === b.tailSeq && a.servingSeq === b.servingSeq && a.admitted === b.admitted && a.drawn === b.drawn;

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** DynamoDB adapter of the ledger. Conditional Put/Update only (no transactions: dynalite lacks them). */
export function createDynamoLedger(client: DynamoDBClient, tableName: string): Ledger {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

  const queryAll = async <T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> => {
    const out: T[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey }));
      out.push(...((page.Items ?? []) as T[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  };

  const bookingItem = (booking: BookingRecord) => ({
    ...keys.booking(booking.id),
    gsi1pk: `USER#${booking.userId}`,
    gsi1sk: `${booking.createdAt}#${booking.id}`,
    gsi2pk: `EVENT#${booking.eventId}`,
    gsi2sk: `BOOKING#${booking.createdAt}#${booking.id}`,
    booking,
  });

  const adjustCount = (eventId: string, itemId: string, delta: number) =>
    doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.item(eventId, itemId),
        UpdateExpression: 'ADD booked :delta',
        ExpressionAttributeValues: { ':delta': delta },
      }),
    );

  return {
    async createEvent(event) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.event(event.id), gsi1pk: 'EVENTS', gsi1sk: `${event.startsAt}#${event.id}`, event },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) return 'exists';
        throw error;
      }
      for (const item of event.items) {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.item(event.id, item.id), booked: 0, capacity: item.capacity },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ).catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      }
      return 'created';
    },

    async getEvent(eventId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.event(eventId), ConsistentRead: true }));
      return Item?.event as EventRecord | undefined;
    },

    async listEvents() {
      const rows = await queryAll<{ event: EventRecord }>({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'EVENTS' },
      });
      return rows.map((row) => row.event);
    },

    async updateEvent(event) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.event(event.id), gsi1pk: 'EVENTS', gsi1sk: `${event.startsAt}#${event.id}`, event },
            ConditionExpression: '#event.#version = :previous',
            ExpressionAttributeNames: { '#event': 'event', '#version': 'version' },
            ExpressionAttributeValues: { ':previous': event.version - 1 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async itemCounts(eventId) {
      const rows = await queryAll<{ sk: string; booked: number }>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':item': 'ITEM#' },
        ConsistentRead: true,
      });
      return new Map(rows.map((row) => [row.sk.slice('ITEM#'.length), row.booked]));
    },

    async confirmBooking(booking, capacity): Promise<ConfirmResult> {
      // 1. Claim capacity on the item counter: the ledger itself can never go above capacity.
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.item(booking.eventId, booking.itemId),
            UpdateExpression: 'ADD booked :q',
            ConditionExpression: 'attribute_exists(pk) AND booked <= :maxBefore',
            ExpressionAttributeValues: { ':q': booking.quantity, ':maxBefore': capacity - booking.quantity },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) return { kind: 'sold_out' };
        throw error;
      }
      // 2. Write the booking; on any failure give the claimed capacity back.
      try {
        await doc.send(
          new PutCommand({ TableName: tableName, Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' }),
        );
        return { kind: 'confirmed' };
      } catch (error) {
        await adjustCount(booking.eventId, booking.itemId, -booking.quantity);
        if (isConditionFailure(error)) return { kind: 'duplicate' };
        throw error;
      }
    },

    async getBooking(bookingId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.booking(bookingId), ConsistentRead: true }));
      return Item?.booking as BookingRecord | undefined;
    },

    async listBookingsByUser(userId) {
      const rows = await queryAll<{ booking: BookingRecord }>({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `USER#${userId}` },
        ScanIndexForward: false,
      });
      return rows.map((row) => row.booking);
    },

    async listBookingsByEvent(eventId) {
      const rows = await queryAll<{ booking: BookingRecord }>({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':prefix': 'BOOKING#' },
      });
      return rows.map((row) => row.booking);
    },

    async cancelBooking(bookingId, userId, now): Promise<CancelResult> {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.booking(bookingId),
            UpdateExpression: 'SET #b.#status = :cancelled, #b.#cancelledAt = :now',
            ConditionExpression: '#b.#userId = :user AND #b.#status = :confirmed',
            ExpressionAttributeNames: { '#b': 'booking', '#status': 'status', '#cancelledAt': 'cancelledAt', '#userId': 'userId' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':confirmed': 'confirmed', ':now': now, ':user': userId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const booking = Attributes?.booking as BookingRecord;
        // The cancel won the condition exactly once, so the capacity goes back exactly once.
        await adjustCount(booking.eventId, booking.itemId, -booking.quantity);
        return { kind: 'cancelled', booking };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const booking = await this.getBooking(bookingId);
        if (!booking || booking.userId !== userId) return { kind: 'not_found' };
        return { kind: 'already_cancelled', booking };
      }
    },

    async putQueueCheckpoint(eventId, checkpoint) {
      let next = checkpoint;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.queue(eventId), ...pickCheckpoint(next) },
              // Moves forward only: every stored counter ≤ the new one, and `drawn` never unset.
              ConditionExpression: `attribute_not_exists(pk) OR (tailSeq <= :t AND servingSeq <= :s AND admitted <= :a${next.drawn ? '' : ' AND drawn = :d'})`,
              ExpressionAttributeValues: { ':t': next.tailSeq, ':s': next.servingSeq, ':a': next.admitted, ...(!next.drawn && { ':d': false }) },
            }),
          );
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
        const stored = await this.getQueueCheckpoint(eventId);
        if (!stored) continue;
        next = {
          tailSeq: Math.max(stored.tailSeq, next.tailSeq),
          servingSeq: Math.max(stored.servingSeq, next.servingSeq),
          admitted: Math.max(stored.admitted, next.admitted),
          drawn: stored.drawn || next.drawn,
        };
        if (sameCheckpoint(stored, next)) return;
      }
      throw new Error(`queue checkpoint of event ${eventId} kept changing concurrently`);
    },

    async getQueueCheckpoint(eventId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.queue(eventId), ConsistentRead: true }));
      return Item ? pickCheckpoint(Item as QueueCheckpoint) : undefined;
    },

    async putMember(member: MemberRecord) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.member(member.username), member } }));
    },

    async getMember(username) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.member(username) }));
      return Item?.member as MemberRecord | undefined;
    },
  };
}
