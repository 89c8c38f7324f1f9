import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Pin } from '../channels/channel-stream.js';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { Ledger, PinRecord } from './ledger.js';

type PinStore = Pick<Ledger, 'setFeatured' | 'featured' | 'pinHistory'>;
type Product = Omit<Pin, 'pinnedAt'>;

interface FeaturedSet {
  pins: Pin[];
  /** 0 while nothing was ever written; every write adds one. */
  version: number;
}

/** Lost races in a row before giving up: each loss means another operator's set was just written. */
const ATTEMPTS = 8;
/** `toISOString` has one fixed-width form for these years, so history keys sort by time. */
const LAST_ISO_MS = Date.parse('9999-12-31T23:59:59.999Z');

const same = (a: Product, b: Product) => a.eventId === b.eventId && a.itemId === b.itemId;
const notIn = (pins: readonly Product[]) => (pin: Product) => !pins.some((other) => same(other, pin));
const pinOf = ({ eventId, itemId, pinnedAt }: Pin): Pin => ({ eventId, itemId, pinnedAt });
const historyKey = (pin: Pin) => `${pin.pinnedAt}#${pin.eventId}#${pin.itemId}`;

/**
 * A channel's featured products (table-design.md): the current set on `CHANNEL#<id>/FEATURED`,
 * written on the version it was read at, and one history item per pin, `PIN#<pinnedAt>#…`, marked
 * `unpinnedAt` when the product is taken off. The set is the commit; history follows it, and a
 * history read adds the whole current set, so a crash between the two never hides a featured
 * product, and a reader of a time window sees every product featured in it.
 */
export function createDynamoChannelPins({ doc, tableName, queryAll }: DynamoTable): PinStore {
  const read = async (channelId: string): Promise<FeaturedSet> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.featured(channelId), ConsistentRead: true }));
    return Item ? { pins: (Item.pins as Pin[]).map(pinOf), version: Item.version as number } : { pins: [], version: 0 };
  };

  const swap = (channelId: string, current: FeaturedSet, pins: Pin[]) =>
    conditionally(() =>
      doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.featured(channelId), pins, version: current.version + 1 },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
          ...(current.version > 0 && { ExpressionAttributeValues: { ':read': current.version } }),
        }),
      ),
    );

  // Both at most once: a pin's item exists once, and its unpinning is written once.
  const recordPin = (channelId: string, pin: Pin) =>
    conditionally(() =>
      doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.pin(channelId, pin.pinnedAt, pin.eventId, pin.itemId), ...pin }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  const recordUnpin = (channelId: string, pin: Pin, unpinnedAt: string) =>
    conditionally(() =>
      doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.pin(channelId, pin.pinnedAt, pin.eventId, pin.itemId),
          UpdateExpression: 'SET unpinnedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(unpinnedAt)',
          ExpressionAttributeValues: { ':at': unpinnedAt },
        }),
      ),
    );

  async function setFeatured(channelId: string, products: readonly Product[], at: number): Promise<Pin[]> {
    const now = new Date(at).toISOString();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const current = await read(channelId);
      const pins = products.map((product) => current.pins.find((pin) => same(pin, product)) ?? { eventId: product.eventId, itemId: product.itemId, pinnedAt: now });
      const unchanged = pins.length === current.pins.length && pins.every((pin, index) => same(pin, current.pins[index]!));
      if (unchanged) return pins;
      if (!(await swap(channelId, current, pins))) continue;
      await Promise.all([
        ...pins.filter(notIn(current.pins)).map((pin) => recordPin(channelId, pin)),
        ...current.pins.filter(notIn(pins)).map((pin) => recordUnpin(channelId, pin, now)),
      ]);
      return pins;
    }
    throw new Error(`the featured set of channel ${channelId} kept changing under ${ATTEMPTS} attempts`);
  }

  async function pinHistory(channelId: string, sinceMs: number): Promise<PinRecord[]> {
    const since = new Date(Math.min(Math.max(sinceMs, 0), LAST_ISO_MS)).toISOString();
    const [rows, current] = await Promise.all([
      queryAll<PinRecord>({
        // `$` follows `#`: the range holds every PIN# key from `since` on, and nothing else of the channel.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `CHANNEL#${channelId}`, ':from': `PIN#${since}`, ':to': 'PIN$' },
        ConsistentRead: true,
      }),
      read(channelId),
    ]);
    const byKey = new Map(rows.map((row) => [historyKey(row), { ...pinOf(row), ...(row.unpinnedAt && { unpinnedAt: row.unpinnedAt }) }]));
    // Still featured, however long ago pinned: part of any window from `since` on.
    for (const pin of current.pins) byKey.set(historyKey(pin), pin);
    return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pin]) => pin);
  }

  return { setFeatured, featured: async (channelId) => (await read(channelId)).pins, pinHistory };
}
