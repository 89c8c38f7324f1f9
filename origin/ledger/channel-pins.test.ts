import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultyDynamoClient, failOnce, SimulatedCrash } from '../test-support/faulty-dynamo-client.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createDynamoLedger } from './dynamo-ledger.js';
import { ensureLedgerTable } from './ensure-table.js';
import type { Ledger } from './ledger.js';

let dynamo: TestDynamo;
let ledger: Ledger;
let table: string;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  table = `pins-${randomBytes(4).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, table);
  ledger = createDynamoLedger(dynamo.client, table);
});

const T0 = Date.parse('2026-12-05T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const cushion = { eventId: 'k-beauty-deal', itemId: 'cushion-set' };
const serum = { eventId: 'k-beauty-deal', itemId: 'serum-duo' };
const mask = { eventId: 'k-beauty-deal', itemId: 'mask-box' };

/** Every stored item of a channel's partition, by sort key. */
async function storedKeys(channelId: string): Promise<string[]> {
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const { Items = [] } = await doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CHANNEL#${channelId}` } }));
  return Items.map((item) => item.sk as string);
}

describe('featured products in the ledger', () => {
  it('stores the set in order, each product with the time it was pinned', async () => {
    expect(await ledger.featured('ch-1')).toEqual([]);
    const pins = await ledger.setFeatured('ch-1', [serum, cushion], T0);
    expect(pins).toEqual([{ ...serum, pinnedAt: iso(T0) }, { ...cushion, pinnedAt: iso(T0) }]);
    expect(await ledger.featured('ch-1')).toEqual(pins);
    expect(await ledger.featured('ch-2')).toEqual([]);
  });

  it('keeps the first pinnedAt of a product pinned again while featured, and gives a new one after it was taken off', async () => {
    await ledger.setFeatured('ch-1', [cushion], T0);
    expect(await ledger.setFeatured('ch-1', [serum, cushion], T0 + 5_000)).toEqual([
      { ...serum, pinnedAt: iso(T0 + 5_000) },
      { ...cushion, pinnedAt: iso(T0) },
    ]);
    await ledger.setFeatured('ch-1', [serum], T0 + 9_000);
    expect(await ledger.setFeatured('ch-1', [cushion, serum], T0 + 12_000)).toEqual([
      { ...cushion, pinnedAt: iso(T0 + 12_000) },
      { ...serum, pinnedAt: iso(T0 + 5_000) },
    ]);
  });

  it('keeps a history item per pin, marked when the product is taken off, read from a given time', async () => {
    await ledger.setFeatured('ch-1', [cushion], T0);
    await ledger.setFeatured('ch-1', [cushion, serum], T0 + 1_000);
    await ledger.setFeatured('ch-1', [mask], T0 + 2_000);
    await ledger.setFeatured('ch-1', [mask], T0 + 3_000);
    await ledger.setFeatured('ch-1', [], T0 + 4_000);
    await ledger.setFeatured('ch-1', [cushion], T0 + 5_000);
    expect(await ledger.pinHistory('ch-1', 0)).toEqual([
      { ...cushion, pinnedAt: iso(T0), unpinnedAt: iso(T0 + 2_000) },
      { ...serum, pinnedAt: iso(T0 + 1_000), unpinnedAt: iso(T0 + 2_000) },
      { ...mask, pinnedAt: iso(T0 + 2_000), unpinnedAt: iso(T0 + 4_000) },
      { ...cushion, pinnedAt: iso(T0 + 5_000) },
    ]);
    expect((await ledger.pinHistory('ch-1', T0 + 1_000)).map((pin) => pin.pinnedAt)).toEqual([iso(T0 + 1_000), iso(T0 + 2_000), iso(T0 + 5_000)]);
    // Still featured: in every later window too.
    expect(await ledger.pinHistory('ch-1', T0 + 6_000)).toEqual([{ ...cushion, pinnedAt: iso(T0 + 5_000) }]);
    expect(await ledger.pinHistory('ch-2', 0)).toEqual([]);
    // One set and four pins: the unchanged set at T0 + 3 s wrote nothing.
    expect((await storedKeys('ch-1')).filter((key) => key.startsWith('PIN#'))).toHaveLength(4);
  });

  it('gives racing operators one winning set, each a complete one of theirs, with its history', async () => {
    const sets = [[cushion], [serum, mask], [mask, cushion, serum], [serum]];
    const answers = await Promise.all(sets.map((set, i) => ledger.setFeatured('ch-1', set, T0 + i)));
    const stored = await ledger.featured('ch-1');
    const last = answers.find((answer) => JSON.stringify(answer) === JSON.stringify(stored));
    expect(last).toBeDefined();
    expect(stored.map(({ eventId, itemId }) => ({ eventId, itemId }))).toEqual(sets[answers.indexOf(last!)]);
    const open = (await ledger.pinHistory('ch-1', 0)).filter((pin) => !pin.unpinnedAt);
    expect(open.map((pin) => pin.itemId).sort()).toEqual(stored.map((pin) => pin.itemId).sort());
  });

  it('shows a featured product in the history even when its history item was never written', async () => {
    const hook: Parameters<typeof createFaultyDynamoClient>[1] = {};
    const crashing = createDynamoLedger(createFaultyDynamoClient(dynamo.endpoint, hook), table);
    hook.fault = failOnce('PutItemCommand', 'PIN#', () => {
      throw new SimulatedCrash('before the history item');
    });
    await expect(crashing.setFeatured('ch-1', [cushion], T0)).rejects.toThrow(SimulatedCrash);
    expect(await storedKeys('ch-1')).toEqual(['FEATURED']);
    expect(await ledger.pinHistory('ch-1', 0)).toEqual([{ ...cushion, pinnedAt: iso(T0) }]);
  });
});
