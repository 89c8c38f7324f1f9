import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** The single table's keys (table-design.md), in one place for every part of the ledger. */
export const keys = {
  event: (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' }),
  item: (eventId: string, itemId: string) => ({ pk: `EVENT#${eventId}`, sk: `ITEM#${itemId}` }),
  pending: (eventId: string, bookingId: string) => ({ pk: `EVENT#${eventId}`, sk: `PENDING#${bookingId}` }),
  queue: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'QUEUE' }),
  booking: (id: string) => ({ pk: `BOOKING#${id}`, sk: 'BOOKING' }),
  member: (username: string) => ({ pk: `MEMBER#${username}`, sk: 'MEMBER' }),
};

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
