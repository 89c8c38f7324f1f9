import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueueCheckpoint } from '../admission/admission-queue.js';
import type { EventRecord } from '../events/event-record.js';
import { conditionally, eventPartitions, keys, type DynamoTable } from './dynamo-table.js';
import type { CatalogPosition, Ledger, MemberRecord } from './ledger.js';

type EventStore = Pick<Ledger, 'createEvent' | 'getEvent' | 'listEvents' | 'listCatalogEvents' | 'listEventsNewestFirst' | 'updateEvent' | 'putQueueCheckpoint' | 'getQueueCheckpoint' | 'putMember' | 'getMember'>;

const { listed: LISTED, archived: ARCHIVED, settled: SETTLED } = eventPartitions;

const pickCheckpoint = ({ tailSeq, servingSeq, admitted, drawn }: QueueCheckpoint): QueueCheckpoint => ({ tailSeq, servingSeq, admitted, drawn });
const sameCheckpoint = (a: QueueCheckpoint, b: QueueCheckpoint): boolean =>
  a.tailSeq === b.tailSeq && a.servingSeq === b.servingSeq && a.admitted === b.admitted && a.drawn === b.drawn;

/** Event definitions, their item counters' creation, queue checkpoints and members. */
export function createDynamoEventStore({ doc, tableName, queryAll }: DynamoTable): EventStore {
  // Listed events (not closed, not hidden) sit in their own index partition, so the catalog reads
  // what a visitor can act on and does not grow with the history of events. A write of the record
  // puts a settled event back among the archived ones: the reconciler watches it again.
  const partitionOf = (event: EventRecord) => (event.closed || event.hidden === true ? ARCHIVED : LISTED);
  const sortKey = (position: CatalogPosition) => `${position.startsAt}#${position.id}`;
  const eventItem = (event: EventRecord) => ({ ...keys.event(event.id), gsi1pk: partitionOf(event), gsi1sk: sortKey(event), event });
  const queryPartition = (partition: string) =>
    queryAll<{ event: EventRecord }>({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } });

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
      const rows = (await Promise.all([LISTED, ARCHIVED, SETTLED].map(queryPartition))).flat();
      return rows.map((row) => row.event).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
    },

    async listCatalogEvents({ limit, after }) {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': LISTED },
          Limit: limit,
          ...(after && { ExclusiveStartKey: { ...keys.event(after.id), gsi1pk: LISTED, gsi1sk: `${after.startsAt}#${after.id}` } }),
        }),
      );
      const events = (page.Items ?? []).map((row) => (row as { event: EventRecord }).event);
      const last = events.at(-1);
      return { events, ...(page.LastEvaluatedKey && last && { next: { startsAt: last.startsAt, id: last.id } }) };
    },

    // Events live in three index partitions (listed, archived, settled): each is read backwards
    // from the position, `limit + 1` at most, and the three merged; more than `limit` among them
    // means a next page exists. Three bounded queries a page, however long the history.
    async listEventsNewestFirst({ limit, before }) {
      const readPartition = async (partition: string) => {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': partition, ...(before && { ':before': sortKey(before) }) },
            ScanIndexForward: false,
            Limit: limit + 1,
          }),
        );
        return (page.Items ?? []).map((row) => (row as { event: EventRecord }).event);
      };
      const found = new Map<string, EventRecord>();
      // An event moved between partitions while they were read may come twice: once is enough.
      for (const event of (await Promise.all([LISTED, ARCHIVED, SETTLED].map(readPartition))).flat()) found.set(event.id, event);
      // Byte order of the sort key, as DynamoDB orders it (ids and ISO times are ASCII).
      const merged = [...found.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0));
      const events = merged.slice(0, limit);
      const last = events.at(-1);
      return { events, ...(merged.length > limit && last && { next: { startsAt: last.startsAt, id: last.id } }) };
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
