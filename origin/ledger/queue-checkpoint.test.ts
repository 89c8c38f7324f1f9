import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createDynamoLedger } from './dynamo-ledger.js';
import { ensureLedgerTable } from './ensure-table.js';
import type { Ledger } from './ledger.js';

let dynamo: TestDynamo;
let ledger: Ledger;
beforeAll(async () => {
  dynamo = await startDynalite();
  await ensureLedgerTable(dynamo.client, 'checkpoints');
  ledger = createDynamoLedger(dynamo.client, 'checkpoints');
});
afterAll(() => dynamo.close());

describe('queue checkpoints in the ledger', () => {
  it('only move forward, field by field', async () => {
    expect(await ledger.getQueueCheckpoint('e1')).toBeUndefined();
    await ledger.putQueueCheckpoint('e1', { tailSeq: 10, servingSeq: 2, admitted: 1, drawn: false });
    expect(await ledger.getQueueCheckpoint('e1')).toEqual({ tailSeq: 10, servingSeq: 2, admitted: 1, drawn: false });
    await ledger.putQueueCheckpoint('e1', { tailSeq: 5, servingSeq: 1, admitted: 0, drawn: false });
    expect(await ledger.getQueueCheckpoint('e1')).toEqual({ tailSeq: 10, servingSeq: 2, admitted: 1, drawn: false });
    await ledger.putQueueCheckpoint('e1', { tailSeq: 8, servingSeq: 5, admitted: 0, drawn: true });
    expect(await ledger.getQueueCheckpoint('e1')).toEqual({ tailSeq: 10, servingSeq: 5, admitted: 1, drawn: true });
    await ledger.putQueueCheckpoint('e1', { tailSeq: 11, servingSeq: 5, admitted: 1, drawn: false });
    expect(await ledger.getQueueCheckpoint('e1')).toEqual({ tailSeq: 11, servingSeq: 5, admitted: 1, drawn: true });
  });

  it('end at the field-wise maximum when writers race', async () => {
    const writes = Array.from({ length: 8 }, (_, i) => ({ tailSeq: 100 + ((i * 3) % 8), servingSeq: (i * 5) % 8, admitted: (i * 7) % 8, drawn: i === 3 }));
    await Promise.all(writes.map((checkpoint) => ledger.putQueueCheckpoint('e2', checkpoint)));
    expect(await ledger.getQueueCheckpoint('e2')).toEqual({ tailSeq: 107, servingSeq: 7, admitted: 7, drawn: true });
  });

  it('live beside the event without showing up as an item', async () => {
    await ledger.putQueueCheckpoint('e3', { tailSeq: 1, servingSeq: 0, admitted: 0, drawn: false });
    expect([...(await ledger.itemCounts('e3')).keys()]).toEqual([]);
  });
});
