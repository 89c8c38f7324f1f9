import { createHash, randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultyDynamoClient, failOnce } from '../test-support/faulty-dynamo-client.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createDynamoLedger } from './dynamo-ledger.js';
import { REGISTRANT_PART_SIZE } from './dynamo-registrant-list.js';
import { ensureLedgerTable } from './ensure-table.js';
import type { Ledger, RegistrantList } from './ledger.js';

let dynamo: TestDynamo;
let ledger: Ledger;
let table: string;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  table = `rl-${randomBytes(4).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, table);
  ledger = createDynamoLedger(dynamo.client, table);
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** `count` distinct hashed ids, ascending, with the list's SHA-256. */
function list(count: number, salt: string): RegistrantList {
  const ids = Array.from({ length: count }, (_, i) => sha256(`${salt}:${i}`)).sort();
  return { ids, sha256: sha256(ids.join('\n')) };
}

async function readAll(eventId: string): Promise<string[]> {
  const first = await ledger.getRegistrants(eventId, 0);
  const parts = await Promise.all(Array.from({ length: first!.parts }, (_, part) => ledger.getRegistrants(eventId, part)));
  return parts.flatMap((page) => page!.ids!);
}

/** Every stored item of the list, head and parts, orphans included. */
async function storedRows(eventId: string): Promise<string[]> {
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const { Items = [] } = await doc.send(
    new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':r': 'REGISTRANTS' } }),
  );
  return Items.map((item) => item.sk as string);
}

describe('the registrant list in the ledger', () => {
  it('is kept in parts, read back a part at a time, and names no part past the last', async () => {
    expect(await ledger.getRegistrants('e1', 0)).toBeUndefined();
    const big = list(2 * REGISTRANT_PART_SIZE + 1, 'big');
    expect(await ledger.recordRegistrants('e1', big)).toEqual(big);
    const first = await ledger.getRegistrants('e1', 0);
    expect(first).toMatchObject({ count: big.ids.length, sha256: big.sha256, parts: 3 });
    expect(first!.ids).toHaveLength(REGISTRANT_PART_SIZE);
    expect(await readAll('e1')).toEqual(big.ids);
    expect((await ledger.getRegistrants('e1', 3))!.ids).toBeNull();
    expect(await storedRows('e1')).toHaveLength(1 + 3);
  });

  it('keeps the first list for good: a later one gets the recorded list back', async () => {
    const kept = list(7, 'first');
    await ledger.recordRegistrants('e2', kept);
    expect(await ledger.recordRegistrants('e2', list(9, 'second'))).toEqual(kept);
    expect(await readAll('e2')).toEqual(kept.ids);
  });

  it('gives racing writers one and the same list, and leaves no part of the losers behind', async () => {
    const lists = [1, 2, 3, 4].map((n) => list(REGISTRANT_PART_SIZE + n, `race-${n}`));
    const answers = await Promise.all(lists.map((candidate) => ledger.recordRegistrants('e3', candidate)));
    const winner = lists.find((candidate) => candidate.sha256 === answers[0]!.sha256)!;
    expect(answers).toEqual(lists.map(() => winner));
    expect(await readAll('e3')).toEqual(winner.ids);
    expect(await storedRows('e3')).toHaveLength(1 + 2);
  });

  it('lets a writer that lost between its parts and its head discard its parts and adopt the winner', async () => {
    const hook: Parameters<typeof createFaultyDynamoClient>[1] = {};
    const slow = createDynamoLedger(createFaultyDynamoClient(dynamo.endpoint, hook), table);
    const winner = list(3, 'winner');
    // The other writer lands its whole list while this one is about to write its first part.
    hook.fault = failOnce('PutItemCommand', 'REGISTRANTS#', async () => void (await ledger.recordRegistrants('e6', winner)));
    expect(await slow.recordRegistrants('e6', list(REGISTRANT_PART_SIZE + 2, 'loser'))).toEqual(winner);
    expect(await readAll('e6')).toEqual(winner.ids);
    expect(await storedRows('e6')).toHaveLength(1 + 1);
  });

  it('records an empty list as one empty part', async () => {
    const empty = list(0, 'none');
    await ledger.recordRegistrants('e4', empty);
    expect(await ledger.getRegistrants('e4', 0)).toEqual({ count: 0, sha256: sha256(''), parts: 1, ids: [] });
  });

  it('refuses ids that are not SHA-256 hex in ascending order, writing nothing', async () => {
    await expect(ledger.recordRegistrants('e5', { ids: ['guest_alice'], sha256: sha256('guest_alice') })).rejects.toThrow(/SHA-256 hex/);
    const { ids } = list(3, 'unsorted');
    await expect(ledger.recordRegistrants('e5', { ids: [ids[1]!, ids[0]!, ids[2]!], sha256: sha256('x') })).rejects.toThrow(/ascending/);
    await expect(ledger.recordRegistrants('e5', { ids: [ids[0]!, ids[0]!], sha256: sha256('x') })).rejects.toThrow(/without repeats/);
    expect(await storedRows('e5')).toEqual([]);
  });
});
