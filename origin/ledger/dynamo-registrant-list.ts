import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, RegistrantList } from './ledger.js';

type RegistrantStore = Pick<Ledger, 'recordRegistrants' | 'getRegistrants'>;

/** Hashed ids per stored part: 32 bytes each, 160 KB an item (DynamoDB allows 400 KB). */
export const REGISTRANT_PART_SIZE = 5_000;
const HASH_BYTES = 32;
const HASHED_ID = /^[0-9a-f]{64}$/;
/** Parts written at once: a million registrants are 200 parts. */
const PART_WRITES = 8;

interface ListHead {
  count: number;
  sha256: string;
  parts: number;
  /** Which write's parts belong to the list (`REGISTRANTS#<listId>#<part>`). */
  listId: string;
}

const pack = (ids: readonly string[]) => Buffer.concat(ids.map((id) => Buffer.from(id, 'hex')));
const unpack = (bytes: Uint8Array) =>
  Array.from({ length: bytes.length / HASH_BYTES }, (_, i) => Buffer.from(bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES)).toString('hex'));

function split(ids: readonly string[]): string[][] {
  const parts: string[][] = [];
  for (let at = 0; at < ids.length; at += REGISTRANT_PART_SIZE) parts.push(ids.slice(at, at + REGISTRANT_PART_SIZE));
  return parts.length > 0 ? parts : [[]];
}

/**
 * The pre-queue's hashed registrant list (docs/fairness.md), kept beside the event: the parts are
 * written first under a fresh list id, then the head `REGISTRANTS` names them, on the condition
 * that no head exists. The head is the commit: of racing writers exactly one wins, a reader never
 * sees a head whose parts are missing, and a loser deletes its own parts. No transaction needed.
 */
export function createDynamoRegistrantList({ doc, tableName, queryAll }: DynamoTable): RegistrantStore {
  const readHead = async (eventId: string) => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.registrants(eventId), ConsistentRead: true }));
    return Item as ListHead | undefined;
  };

  const readAll = async (eventId: string, head: ListHead): Promise<RegistrantList> => {
    const rows = await queryAll<{ ids: Uint8Array }>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':prefix': `REGISTRANTS#${head.listId}#` },
      ConsistentRead: true,
    });
    const ids = rows.flatMap((row) => unpack(row.ids));
    if (rows.length !== head.parts || ids.length !== head.count) throw new Error(`registrant list of event ${eventId} is incomplete`);
    return { ids, sha256: head.sha256 };
  };

  const eachPart = (parts: string[][], write: (ids: string[], part: number) => Promise<unknown>) => {
    const limit = pLimit(PART_WRITES);
    return Promise.all(parts.map((ids, part) => limit(() => write(ids, part))));
  };

  async function recordRegistrants(eventId: string, list: RegistrantList): Promise<RegistrantList> {
    const stored = await readHead(eventId);
    if (stored) return readAll(eventId, stored);
    if (!list.ids.every((id, i) => HASHED_ID.test(id) && (i === 0 || list.ids[i - 1]! < id))) {
      throw new Error('registrant ids must be lowercase SHA-256 hex, ascending, without repeats');
    }
    const listId = randomUUID();
    const parts = split(list.ids);
    await eachPart(parts, (ids, part) =>
      doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.registrantPart(eventId, listId, part), ids: pack(ids) }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    const head: ListHead = { count: list.ids.length, sha256: list.sha256, parts: parts.length, listId };
    const won = await conditionally(() =>
      doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.registrants(eventId), ...head }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    if (won) return { ids: [...list.ids], sha256: list.sha256 };
    await eachPart(parts, (_, part) => doc.send(new DeleteCommand({ TableName: tableName, Key: keys.registrantPart(eventId, listId, part) })));
    const winner = await readHead(eventId);
    if (!winner) throw new Error(`registrant list of event ${eventId} vanished`);
    return readAll(eventId, winner);
  }

  async function getRegistrants(eventId: string, part: number) {
    const head = await readHead(eventId);
    if (!head) return undefined;
    const summary = { count: head.count, sha256: head.sha256, parts: head.parts };
    if (!Number.isInteger(part) || part < 0 || part >= head.parts) return { ...summary, ids: null };
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.registrantPart(eventId, head.listId, part), ConsistentRead: true }));
    if (!Item) throw new Error(`registrant list of event ${eventId} misses part ${part}`);
    return { ...summary, ids: unpack((Item as { ids: Uint8Array }).ids) };
  }

  return { recordRegistrants, getRegistrants };
}
