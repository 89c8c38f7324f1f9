import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** The single table's keys (table-design.md), in one place for every part of the ledger. */
export const keys = {
  event: (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' }),
  item: (eventId: string, itemId: string) => ({ pk: `EVENT#${eventId}`, sk: `ITEM#${itemId}` }),
  pending: (eventId: string, bookingId: string) => ({ pk: `EVENT#${eventId}`, sk: `PENDING#${bookingId}` }),
  queue: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'QUEUE' }),
  registrants: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'REGISTRANTS' }),
  registrantPart: (eventId: string, listId: string, part: number) => ({ pk: `EVENT#${eventId}`, sk: `REGISTRANTS#${listId}#${String(part).padStart(6, '0')}` }),
  booking: (id: string) => ({ pk: `BOOKING#${id}`, sk: 'BOOKING' }),
  member: (username: string) => ({ pk: `MEMBER#${username}`, sk: 'MEMBER' }),
  sweep: () => ({ pk: 'RECONCILE', sk: 'SWEEP' }),
  lease: (owner: string) => ({ pk: `LEASE#${owner}`, sk: 'LEASE' }),
  featured: (channelId: string) => ({ pk: `CHANNEL#${channelId}`, sk: 'FEATURED' }),
  pin: (channelId: string, pinnedAt: string, eventId: string, itemId: string) => ({ pk: `CHANNEL#${channelId}`, sk: `PIN#${pinnedAt}#${eventId}#${itemId}` }),
  replay: (id: string) => ({ pk: `REPLAY#${id}`, sk: 'REPLAY' }),
};

/**
 * The gsi1 partitions of event records: listed (not closed, not hidden), archived (closed or
 * hidden), and settled (closed events the reconciler set aside; table-design.md).
 */
export const eventPartitions = { listed: 'EVENTS', archived: 'EVENTS#ARCHIVED', settled: 'EVENTS#SETTLED' } as const;

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Runs a conditional write: true when written, false when its condition failed. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export interface DynamoTable {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** Every page of a query. */
  queryAll: <T>(input: Omit<QueryCommandInput, 'TableName'>) => Promise<T[]>;
}

export function createDynamoTable(client: DynamoDBClient, tableName: string): DynamoTable {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    doc,
    tableName,
    queryAll: async <T>(input: Omit<QueryCommandInput, 'TableName'>) => {
      const out: T[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey }));
        out.push(...((page.Items ?? []) as T[]));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return out;
    },
  };
}
