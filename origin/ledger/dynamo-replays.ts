import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplaySort } from '../../core/index.js';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, ReplayRecord, StoredReplay } from './ledger.js';

type ReplayStore = Pick<Ledger, 'putReplay' | 'getReplay' | 'listReplays' | 'addReplayPlays'>;

/** Both orders live in one index partition each, read backwards (largest key first). */
const PARTITION = 'REPLAYS';
const INDEX: Record<ReplaySort, 'gsi1' | 'gsi2'> = { newest: 'gsi1', plays: 'gsi2' };
/** Lost races in a row before giving up: each loss means another fold just added plays. */
const ATTEMPTS = 8;

/** Zero-padded so the chart's keys sort as numbers: 12 digits hold a trillion plays. */
const playsKey = (plays: number, replay: ReplayRecord) => `${String(plays).padStart(12, '0')}#${replay.startedAt}#${replay.id}`;
const newestKey = (replay: ReplayRecord) => `${replay.startedAt}#${replay.id}`;

interface ReplayItem {
  replay: ReplayRecord;
  plays: number;
}

const stored = (item: ReplayItem): StoredReplay => ({ ...item.replay, plays: item.plays });

/**
 * Replays (table-design.md): one item per replay, `REPLAY#<id>/REPLAY`, listed newest first on
 * gsi1 (`REPLAYS` / `<startedAt>#<id>`) and by plays on gsi2 (`REPLAYS` / `<plays, 12 digits>#<startedAt>#<id>`).
 * Created once (`attribute_not_exists`); plays change only with their chart key, on the total read.
 */
export function createDynamoReplays({ doc, tableName }: DynamoTable): ReplayStore {
  const read = async (replayId: string): Promise<ReplayItem | undefined> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.replay(replayId), ConsistentRead: true }));
    return Item as ReplayItem | undefined;
  };

  return {
    async putReplay(replay) {
      const item = { ...keys.replay(replay.id), gsi1pk: PARTITION, gsi1sk: newestKey(replay), gsi2pk: PARTITION, gsi2sk: playsKey(0, replay), replay, plays: 0 };
      const created = await conditionally(() => doc.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
      if (created) return { created, replay: stored(item) };
      const existing = await read(replay.id);
      if (!existing) throw new Error(`replay ${replay.id} exists and cannot be read`);
      return { created, replay: stored(existing) };
    },

    async getReplay(replayId) {
      const item = await read(replayId);
      return item && stored(item);
    },

    async listReplays({ sort, limit, after }) {
      const index = INDEX[sort];
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': PARTITION },
          ScanIndexForward: false,
          // One more than asked: a next page is promised only when there is one.
          Limit: limit + 1,
          ...(after && { ExclusiveStartKey: { ...keys.replay(after.id), [`${index}pk`]: PARTITION, [`${index}sk`]: after.key } }),
        }),
      );
      const found = (page.Items ?? []) as (ReplayItem & Record<string, string>)[];
      const items = found.slice(0, limit);
      const last = items.at(-1);
      return {
        replays: items.map(stored),
        ...(found.length > limit && last && { next: { sort, key: last[`${index}sk`]!, id: last.replay.id } }),
      };
    },

    async addReplayPlays(replayId, plays) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const item = await read(replayId);
        if (!item) return false;
        const total = item.plays + plays;
        const written = await conditionally(() =>
          doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.replay(replayId),
              UpdateExpression: 'SET plays = :total, gsi2sk = :key',
              ConditionExpression: 'plays = :read',
              ExpressionAttributeValues: { ':total': total, ':key': playsKey(total, item.replay), ':read': item.plays },
            }),
          ),
        );
        if (written) return true;
      }
      throw new Error(`the plays of replay ${replayId} kept changing under ${ATTEMPTS} attempts`);
    },
  };
}
