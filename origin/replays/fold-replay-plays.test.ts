import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoLedger } from '../ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../ledger/ensure-table.js';
import type { Ledger } from '../ledger/ledger.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { foldReplayPlays } from './fold-replay-plays.js';
import { createMemoryReplayPlays } from './memory-replay-plays.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

it('gives back the plays a failed fold could not write, drops plays of unknown replays, and never counts one twice', async () => {
  const tableName = `t-${randomBytes(6).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, tableName);
  const ledger = createDynamoLedger(dynamo.client, tableName);
  for (const id of ['rp-a', 'rp-b']) {
    await ledger.putReplay({ id, channelId: 'ch', title: id, startedAt: '2026-12-04T10:00:00.000Z', endedAt: '2026-12-04T10:10:00.000Z', durationSeconds: 600, playbackUrl: '/x', source: { kind: 'simulated' }, createdAt: '2026-12-04T10:10:00.000Z' });
  }
  const plays = createMemoryReplayPlays();
  for (const [replayId, viewer] of [['rp-a', 'v1'], ['rp-a', 'v2'], ['rp-b', 'v1'], ['rp-gone', 'v1']]) await plays.countPlay(replayId!, viewer!, 0);

  // The ledger fails on rp-b (as DynamoDB would when throttled): rp-a is written, rp-b and what follows go back.
  const failing: Ledger = Object.assign(Object.create(ledger) as Ledger, {
    addReplayPlays: (replayId: string, count: number) => (replayId === 'rp-b' ? Promise.reject(new Error('throttled')) : ledger.addReplayPlays(replayId, count)),
  });
  await expect(foldReplayPlays(plays, failing)).rejects.toThrow('throttled');
  expect((await ledger.getReplay('rp-a'))?.plays).toBe(2);

  expect(await foldReplayPlays(plays, ledger)).toEqual({ folded: 1, dropped: 1 });
  expect([(await ledger.getReplay('rp-a'))?.plays, (await ledger.getReplay('rp-b'))?.plays]).toEqual([2, 1]);
  expect(await plays.takePending()).toEqual(new Map());
});
