import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { QueueCheckpoint } from '../admission/admission-queue.js';
import type { EventRecord } from '../events/event-record.js';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, MemberRecord } from './ledger.js';

type EventStore = Pick<Ledger, 'createEvent' | 'getEvent' | 'listEvents' | 'updateEvent' | 'putQueueCheckpoint' | 'getQueueCheckpoint' | 'putMember' | 'getMember'>;

const pickCheckpoint = ({ tailSeq, servingSeq, admitted, drawn }: QueueCheckpoint): QueueCheckpoint => ({ tailSeq, servingSeq, admitted, drawn });
const sameCheckpoint = (a: QueueCheckpoint, b: QueueCheckpoint): boolean =>
  a.tailSeq === b.tailSeq && a.servingSeq === b.servingSeq && a.admitted === b.admitted && a.drawn === b.drawn;

/** Event definitions, their item counters' creation, queue checkpoints and members. */
export function createDynamoEventStore({ doc, tableName, queryAll }: DynamoTable): EventStore {
  const eventItem = (event: EventRecord) => ({ ...keys.event(event.id), gsi1pk: 'EVENTS', gsi1sk: `${event.startsAt}#${event.id}`, event });

  const getQueueCheckpoint = async (eventId: string) => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.queue(eventId), ConsistentRead: true }));
    return Item ? pickCheckpoint(Item as QueueCheckpoint) : undefined;
  };

  return {
    async createEvent(event) {
      const created = await conditionally(() =>
        doc.send(new PutCommand({ TableName: tableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (!created) return 'exists';
      for (const item of event.items) {
        await conditionally(() =>
          doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.item(event.id, item.id), booked: 0, capacity: item.capacity, v: 0 },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
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
      return conditionally(() =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: eventItem(event),
            ConditionExpression: '#event.#version = :previous',
            ExpressionAttributeNames: { '#event': 'event', '#version': 'version' },
            ExpressionAttributeValues: { ':previous': event.version - 1 },
          }),
        ),
      );
    },

    async putQueueCheckpoint(eventId, checkpoint) {
      let next = checkpoint;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const written = await conditionally(() =>
          doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.queue(eventId), ...pickCheckpoint(next) },
              // Moves forward only: every stored counter ≤ the new one, and `drawn` never unset.
              ConditionExpression: `attribute_not_exists(pk) OR (tailSeq <= :t AND servingSeq <= :s AND admitted <= :a${next.drawn ? '' : ' AND drawn = :d'})`,
              ExpressionAttributeValues: { ':t': next.tailSeq, ':s': next.servingSeq, ':a': next.admitted, ...(!next.drawn && { ':d': false }) },
            }),
          ),
        );
        if (written) return;
        const stored = await getQueueCheckpoint(eventId);
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

    getQueueCheckpoint,

    async putMember(member: MemberRecord) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.member(member.username), member } }));
    },

    async getMember(username) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.member(username) }));
      return Item?.member as MemberRecord | undefined;
    },
  };
}
