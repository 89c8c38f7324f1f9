import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventRecord } from '../events/event-record.js';
import { conditionally, eventPartitions, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, WatchedEvent } from './ledger.js';

export type EventWatch = Pick<Ledger, 'listEventsToReconcile' | 'listSettledEvents' | 'watchClosedEvent' | 'settleEvent' | 'noteEventActivity' | 'claimSweep'>;

interface EventRow {
  event: EventRecord;
  gsi1pk: string;
  activeAt?: number;
}

const { listed: LISTED, archived: ARCHIVED, settled: SETTLED } = eventPartitions;
const versionNames = { '#event': 'event', '#version': 'version' };

/**
 * Which events the reconciler visits (docs/decisions/0006, "Which events a pass visits"). A closed
 * event it found clean long enough after its last activity moves to the settled gsi1 partition,
 * which passes do not read; a cancel (or a write of the record) moves it back. `activeAt` and
 * `gsi1pk` live beside the record, so every change here is one conditional write to its item.
 */
export function createDynamoEventWatch({ doc, tableName, queryAll }: DynamoTable): EventWatch {
  const update = (key: Record<string, string>, input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>) =>
    conditionally(() => doc.send(new UpdateCommand({ TableName: tableName, Key: key, ...input })));
  const queryPartition = (partition: string) =>
    queryAll<EventRow>({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } });
  const toWatched = ({ event, gsi1pk, activeAt }: EventRow): WatchedEvent => ({
    record: event,
    settled: gsi1pk === SETTLED,
    ...(activeAt !== undefined && { activeAt }),
  });

  return {
    async listEventsToReconcile() {
      return (await Promise.all([LISTED, ARCHIVED].map(queryPartition))).flat().map(toWatched);
    },

    async listSettledEvents() {
      return (await queryPartition(SETTLED)).map(toWatched);
    },

    watchClosedEvent(eventId, version, at) {
      return update(keys.event(eventId), {
        UpdateExpression: 'SET activeAt = :at',
        ConditionExpression: 'attribute_not_exists(activeAt) AND #event.#version = :version',
        ExpressionAttributeNames: versionNames,
        ExpressionAttributeValues: { ':at': at, ':version': version },
      });
    },

    settleEvent(eventId, version, activeAt) {
      return update(keys.event(eventId), {
        UpdateExpression: 'SET gsi1pk = :settled',
        ConditionExpression: 'gsi1pk = :archived AND activeAt = :seen AND #event.#version = :version',
        ExpressionAttributeNames: versionNames,
        ExpressionAttributeValues: { ':settled': SETTLED, ':archived': ARCHIVED, ':seen': activeAt, ':version': version },
      });
    },

    async noteEventActivity(eventId, until) {
      // A listed event is visited by every pass anyway: the condition leaves it alone.
      await update(keys.event(eventId), {
        UpdateExpression: 'SET activeAt = :until, gsi1pk = :archived',
        ConditionExpression: 'gsi1pk IN (:archived, :settled)',
        ExpressionAttributeValues: { ':until': until, ':archived': ARCHIVED, ':settled': SETTLED },
      });
    },

    claimSweep(now, everyMs) {
      return update(keys.sweep(), {
        UpdateExpression: 'SET sweptAt = :now',
        ConditionExpression: 'attribute_not_exists(sweptAt) OR sweptAt <= :due',
        ExpressionAttributeValues: { ':now': now, ':due': now - everyMs },
      });
    },
  };
}
