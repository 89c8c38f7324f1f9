import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createDynamoLedger } from './dynamo-ledger.js';
import { ensureLedgerTable } from './ensure-table.js';
import type { Ledger, ReplayRecord } from './ledger.js';

let dynamo: TestDynamo;
let ledger: Ledger;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  const tableName = `t-${randomBytes(6).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, tableName);
  ledger = createDynamoLedger(dynamo.client, tableName);
});

const replay = (id: string, startedAt: string, overrides: Partial<ReplayRecord> = {}): ReplayRecord => ({
  id,
  channelId: 'ch-a',
  title: `Show ${id}`,
  startedAt,
  endedAt: new Date(Date.parse(startedAt) + 600_000).toISOString(),
  durationSeconds: 600,
  playbackUrl: `/hls/replays/${id}/master.m3u8`,
  source: { kind: 'simulated' },
  createdAt: '2026-12-05T00:00:00.000Z',
  ...overrides,
});

/** Every id of a listing, page by page of `limit`. */
async function walk(sort: 'newest' | 'plays', limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: Awaited<ReturnType<Ledger['listReplays']>>['next'];
  do {
    const page = await ledger.listReplays({ sort, limit, ...(after && { after }) });
    pages.push(page.replays.map((stored) => stored.id));
    after = page.next;
  } while (after);
  return pages;
}

describe('replays in the ledger', () => {
  it('saves a replay once: the same id again changes nothing and answers the stored one', async () => {
    const first = await ledger.putReplay(replay('rp-1', '2026-12-04T10:00:00.000Z'));
    expect(first).toMatchObject({ created: true, replay: { id: 'rp-1', plays: 0, title: 'Show rp-1' } });
    await ledger.addReplayPlays('rp-1', 3);
    const again = await ledger.putReplay(replay('rp-1', '2026-12-04T10:00:00.000Z', { title: 'Another title' }));
    expect(again).toMatchObject({ created: false, replay: { title: 'Show rp-1', plays: 3 } });
    expect(await ledger.getReplay('rp-1')).toEqual({ ...replay('rp-1', '2026-12-04T10:00:00.000Z'), plays: 3 });
    expect(await ledger.getReplay('rp-none')).toBeUndefined();
  });

  it('lists newest first and by plays (ties newest first), page by page without gaps or repeats', async () => {
    for (const [id, day] of [['rp-a', '01'], ['rp-b', '02'], ['rp-c', '03'], ['rp-d', '04'], ['rp-e', '05']] as const) {
      await ledger.putReplay(replay(id, `2026-12-${day}T10:00:00.000Z`));
    }
    expect(await walk('newest', 2)).toEqual([['rp-e', 'rp-d'], ['rp-c', 'rp-b'], ['rp-a']]);
    await ledger.addReplayPlays('rp-b', 9);
    await ledger.addReplayPlays('rp-d', 120);
    await ledger.addReplayPlays('rp-a', 9);
    // 120 sorts above 9 only if the keys are numbers: zero-padded.
    expect((await walk('plays', 2)).flat()).toEqual(['rp-d', 'rp-b', 'rp-a', 'rp-e', 'rp-c']);
    expect(await walk('plays', 5)).toEqual([['rp-d', 'rp-b', 'rp-a', 'rp-e', 'rp-c']]);
    expect((await ledger.listReplays({ sort: 'plays', limit: 1 })).replays[0]).toMatchObject({ id: 'rp-d', plays: 120 });
  });

  it('adds plays from racing folds exactly, and refuses plays of a replay it does not have', async () => {
    await ledger.putReplay(replay('rp-x', '2026-12-04T10:00:00.000Z'));
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => ledger.addReplayPlays('rp-x', index + 1)));
    expect(results.every(Boolean)).toBe(true);
    expect((await ledger.getReplay('rp-x'))?.plays).toBe(21);
    expect((await ledger.listReplays({ sort: 'plays', limit: 5 })).replays.map((stored) => stored.plays)).toEqual([21]);
    expect(await ledger.addReplayPlays('rp-none', 4)).toBe(false);
    expect(await ledger.getReplay('rp-none')).toBeUndefined();
  });
});
