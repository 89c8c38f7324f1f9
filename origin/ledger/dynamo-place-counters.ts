import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { ItemCounter, Ledger } from './ledger.js';
import { formatMarker } from './place-marker.js';

export type PlaceCounters = Pick<
  Ledger,
  'itemCounts' | 'itemCounters' | 'claimPlace' | 'settleMarker' | 'revertMarker' | 'noteDrift' | 'fixDrift'
> & {
  /** Adds a marker without changing the count (a cancel announcing the places it will return). */
  addMarker: (eventId: string, itemId: string, marker: string) => Promise<void>;
};

interface CounterRow {
  sk: string;
  capacity: number;
  booked: number;
  v?: number;
  inflight?: Set<string>;
  drift?: { expected: number; seenAt: number; version: number };
}

/** Unchanged since `version` was read; counters written before `v` existed read as version 0. */
const atVersion = (version: number): string => (version === 0 ? '(attribute_not_exists(v) OR v = :v)' : 'v = :v');

/**
 * The item counters (`ITEM#<itemId>`): `booked` can never pass `capacity`, whatever the gate
 * believes. Each unsettled change is a marker in the `inflight` string set, changed in the same
 * conditional write as the count, so finishing or undoing it happens at most once. `v` grows
 * with every change of the count, which makes recount fixes safe against concurrent bookings.
 */
export function createDynamoPlaceCounters({ doc, tableName, queryAll }: DynamoTable): PlaceCounters {
  const update = (eventId: string, itemId: string, expression: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>) =>
    conditionally(() => doc.send(new UpdateCommand({ TableName: tableName, Key: keys.item(eventId, itemId), ...expression })));

  const itemCounters = async (eventId: string): Promise<ItemCounter[]> => {
    const rows = await queryAll<CounterRow>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)',
      ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':item': 'ITEM#' },
      ConsistentRead: true,
    });
    return rows.map((row) => ({
      itemId: row.sk.slice('ITEM#'.length),
      capacity: row.capacity,
      booked: row.booked,
      version: row.v ?? 0,
      markers: [...(row.inflight ?? [])].sort(),
      ...(row.drift && { drift: { expected: row.drift.expected, seenAt: row.drift.seenAt, version: row.drift.version } }),
    }));
  };

  return {
    itemCounters,

    async itemCounts(eventId) {
      return new Map((await itemCounters(eventId)).map((counter) => [counter.itemId, counter.booked]));
    },

    async claimPlace(claim, capacity) {
      const marker = formatMarker({ kind: 'claim', ...claim });
      return update(claim.eventId, claim.itemId, {
        UpdateExpression: 'ADD booked :q, v :one, inflight :marker',
        ConditionExpression: 'attribute_exists(pk) AND booked <= :maxBefore AND NOT contains(inflight, :m)',
        ExpressionAttributeValues: { ':q': claim.quantity, ':one': 1, ':marker': new Set([marker]), ':m': marker, ':maxBefore': capacity - claim.quantity },
      });
    },

    async addMarker(eventId, itemId, marker) {
      await update(eventId, itemId, {
        UpdateExpression: 'ADD inflight :marker',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':marker': new Set([marker]) },
      });
    },

    async settleMarker(eventId, itemId, marker) {
      return update(eventId, itemId, {
        UpdateExpression: 'DELETE inflight :marker',
        ConditionExpression: 'contains(inflight, :m)',
        ExpressionAttributeValues: { ':marker': new Set([marker]), ':m': marker },
      });
    },

    async revertMarker(eventId, itemId, marker, quantity) {
      return update(eventId, itemId, {
        UpdateExpression: 'ADD booked :minus, v :one DELETE inflight :marker',
        ConditionExpression: 'contains(inflight, :m)',
        ExpressionAttributeValues: { ':minus': -quantity, ':one': 1, ':marker': new Set([marker]), ':m': marker },
      });
    },

    async noteDrift(eventId, itemId, version, note) {
      return update(eventId, itemId, {
        UpdateExpression: note ? 'SET drift = :note' : 'REMOVE drift',
        ConditionExpression: atVersion(version),
        ExpressionAttributeValues: { ':v': version, ...(note && { ':note': note }) },
      });
    },

    async fixDrift(eventId, itemId, version, booked) {
      return update(eventId, itemId, {
        UpdateExpression: 'SET booked = :booked ADD v :one REMOVE drift',
        ConditionExpression: `${atVersion(version)} AND attribute_not_exists(inflight)`,
        ExpressionAttributeValues: { ':v': version, ':booked': booked, ':one': 1 },
      });
    },
  };
}
