import { describe, expect, it } from 'vitest';
import { decodeJsonReply, decodeReply } from '../redis/decode-reply.js';
import { runLuaScript } from '../redis/lua-script.js';
import { ioredisEval } from '../redis/redis-eval.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { availabilityReplySchema, reservationsReplySchema, reserveReplySchema } from './gate-reply.js';
import { describeInventoryGateContract } from './inventory-gate.contract.js';
import { emptySnapshot } from './inventory-gate.js';
import { inventoryScripts } from './gate-scripts.js';
import { createRedisInventoryGate } from './redis-inventory-gate.js';

describe.runIf(redisServerAvailable())('ioredis on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeInventoryGateContract('ioredis', async () => {
    const { redis } = fixture();
    // A small chunk makes the large-event rebuild stage in many pieces.
    const gate = createRedisInventoryGate(redis, { prefix: `g${(prefix += 1)}`, loadChunk: 200 });
    return { gate, wipe: async () => (await redis.flushall(), gate) };
  });

  it("each script's real reply parses with its schema, by name, whatever it answers", async () => {
    const { redis } = fixture();
    const client = ioredisEval(redis);
    const keys = ['raw:{e}:g', 'raw:{e}:gp'];
    interface Ask { user: string; key: string; quantity?: number; until?: number; booking?: string; fingerprint?: string; item?: string }
    const reserve = async ({ user, key, quantity = 1, until = 0, booking = `bk-${user}-${key}`, fingerprint = `fp-${key}`, item = 'slot' }: Ask) => {
      const args = [item, user, quantity, key, fingerprint, booking, 1_000, until].map(String);
      return decodeReply('reserve', await runLuaScript(client, inventoryScripts.reserve, keys, args), reserveReplySchema);
    };
    const availability = async () => decodeJsonReply('availability', await runLuaScript(client, inventoryScripts.availability, keys, []), availabilityReplySchema);
    const page = async () => decodeJsonReply('reservations', await runLuaScript(client, inventoryScripts.reservations, keys, ['0', '1000']), reservationsReplySchema);

    expect(await reserve({ user: 'ana', key: 'k1' })).toEqual({ kind: 'not_loaded' });
    expect(await availability()).toEqual({ items: [] });
    expect(await page()).toEqual({ cursor: '0', reservations: [] });
    await createRedisInventoryGate(redis, { prefix: 'raw' }).load('e', emptySnapshot([{ id: 'slot', capacity: 2, perUserLimit: 2 }]));
    expect(await reserve({ user: 'ana', key: 'k1', until: 60_000 })).toEqual({ kind: 'reserved', remaining: 1 });
    expect(await availability()).toEqual({ items: [{ id: 'slot', capacity: 2, booked: 1, provisional: 1 }] });
    expect(await page()).toEqual({ cursor: '0', reservations: [{ bookingId: 'bk-ana-k1', value: 'slot|1|k1|fp-k1|ana', until: 60_000 }] });
    expect(await reserve({ user: 'ana', key: 'k1' })).toEqual({ kind: 'reserved', remaining: 1 });
    expect(await page()).toEqual({ cursor: '0', reservations: [{ bookingId: 'bk-ana-k1', value: 'slot|1|k1|fp-k1|ana' }] });
    expect(await reserve({ user: 'ana', key: 'k1', booking: 'bk-other' })).toEqual({ kind: 'replay', bookingId: 'bk-ana-k1' });
    expect(await reserve({ user: 'ana', key: 'k1', booking: 'bk-other', fingerprint: 'changed' })).toEqual({ kind: 'mismatch' });
    expect(await reserve({ user: 'ana', key: 'k2', quantity: 2 })).toEqual({ kind: 'limit_reached', held: 1 });
    expect(await reserve({ user: 'bo', key: 'k3', quantity: 2 })).toEqual({ kind: 'sold_out' });
    expect(await reserve({ user: 'bo', key: 'k4', item: 'nope' })).toEqual({ kind: 'unknown_item' });
  });
});
