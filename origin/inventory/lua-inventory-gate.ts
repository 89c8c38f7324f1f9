import { randomUUID } from 'node:crypto';
import { runLuaScript, type LuaScript, type RedisEval } from '../redis/lua-script.js';
import { inventoryScripts as scripts } from './gate-scripts.js';
import { decodeJsonReply, decodeReply } from '../redis/decode-reply.js';
import { availabilityReplySchema, reservationsReplySchema, reserveReplySchema, toAvailability } from './gate-reply.js';
import type { GateSnapshot, HeldReservation, InventoryGate } from './inventory-gate.js';

export interface LuaInventoryGateOptions {
  /** Key prefix; an event's gate is the hash `<prefix>:{<eventId>}:g`. @default 'bj' */
  prefix?: string;
  /** Hash fields per staging request of a rebuild (Lua unpacks each request at once). @default 500 */
  loadChunk?: number;
  /** How long an abandoned rebuild's staging hash lives (ms). @default 60000 */
  stagingTtlMs?: number;
}

type Reply = (string | number)[];

/** `r:<bookingId>` value: `<item>|<quantity>|<key>|<fingerprint>|<user>` (the user id may contain '|'). */
function parseReservation(bookingId: string, value: string, until: number | undefined): HeldReservation {
  const [itemId = '', quantity = '0', idempotencyKey = '', fingerprint = '', ...user] = value.split('|');
  const reservation = { bookingId, itemId, quantity: Number(quantity), idempotencyKey, fingerprint, userId: user.join('|') };
  return until === undefined ? reservation : { ...reservation, until };
}

/** The gate hash of a rebuilt snapshot, field by field (layout in `lua/lib/decide.lua`). */
function snapshotFields(snapshot: GateSnapshot): string[] {
  const fields = new Map<string, string | number>([['items', snapshot.items.map((item) => item.id).join(',')]]);
  for (const item of snapshot.items) fields.set(`c:${item.id}`, item.capacity).set(`l:${item.id}`, item.perUserLimit).set(`b:${item.id}`, 0);
  const bump = (field: string, by: number) => fields.set(field, Number(fields.get(field) ?? 0) + by);
  for (const r of snapshot.reservations) {
    if (!fields.has(`c:${r.itemId}`)) continue;
    bump(`b:${r.itemId}`, r.quantity);
    bump(`h:${r.itemId}|${r.userId}`, r.quantity);
    fields.set(`r:${r.bookingId}`, `${r.itemId}|${r.quantity}|${r.idempotencyKey}|${r.fingerprint}|${r.userId}`);
    if (!fields.has(`k:${r.idempotencyKey}|${r.userId}`)) fields.set(`k:${r.idempotencyKey}|${r.userId}`, `${r.bookingId}|${r.fingerprint}`);
  }
  for (const spent of snapshot.spentKeys) {
    const field = `k:${spent.idempotencyKey}|${spent.userId}`;
    if (!fields.has(field)) fields.set(field, `${spent.bookingId}|${spent.fingerprint}`);
  }
  return [...fields].flatMap(([field, value]) => [field, String(value)]);
}

/**
 * The Redis adapters' shared body: every operation is one Lua script (`lua/*.lua`), so each is
 * atomic on the server and any number of origin instances share an event's inventory. One hash
 * per event, under the event's hash tag, keeps it in one Redis Cluster slot.
 */
export function createLuaInventoryGate(client: RedisEval, options: LuaInventoryGateOptions = {}): InventoryGate {
  const prefix = options.prefix ?? 'bj';
  const loadChunk = options.loadChunk ?? 500;
  const stagingTtlMs = options.stagingTtlMs ?? 60_000;
  const gateKey = (eventId: string) => `${prefix}:{${eventId}}:g`;
  const keysOf = (eventId: string) => [gateKey(eventId), `${prefix}:{${eventId}}:gp`];
  const run = async (script: LuaScript, keys: string[], args: (string | number)[]): Promise<Reply> => {
    const reply = await runLuaScript(client, script, keys, args.map(String));
    return (Array.isArray(reply) ? reply : [reply]) as Reply;
  };

  return {
    async isLoaded(eventId) {
      const [exists] = await run(scripts.isLoaded, [gateKey(eventId)], []);
      return Number(exists) === 1;
    },

    async load(eventId, snapshot) {
      // Staged in chunks under a private key, then renamed in one step: a reader never sees half
      // a gate, and a rebuild that loses the race (or dies halfway) leaves nothing behind.
      const staging = `${gateKey(eventId)}:load:${randomUUID()}`;
      const fields = snapshotFields(snapshot);
      for (let start = 0; start < fields.length; start += loadChunk * 2) {
        await run(scripts.stageLoad, [staging], [stagingTtlMs, ...fields.slice(start, start + loadChunk * 2)]);
      }
      const [installed] = await run(scripts.load, [...keysOf(eventId), staging], []);
      if (Number(installed) < 0) throw new Error(`gate rebuild of event ${eventId} outlived its staging (${stagingTtlMs} ms)`);
      return Number(installed) === 1;
    },

    async reserve(request, { now, until }) {
      const { itemId, userId, quantity, idempotencyKey, fingerprint, bookingId } = request;
      const args = [itemId, userId, quantity, idempotencyKey, fingerprint, bookingId, now, until ?? 0];
      const reply = await runLuaScript(client, scripts.reserve, keysOf(request.eventId), args.map(String));
      return decodeReply(scripts.reserve.name, reply, reserveReplySchema);
    },

    async release({ eventId, bookingId, forgetKey }) {
      const [released] = await run(scripts.release, keysOf(eventId), [bookingId, forgetKey ? 1 : 0]);
      return Number(released) === 1;
    },

    async expire(eventId, now) {
      const [dropped] = await run(scripts.expire, keysOf(eventId), [now]);
      return Number(dropped);
    },

    async hold(eventId, reservations) {
      let added = 0;
      for (let start = 0; start < reservations.length; start += loadChunk) {
        const args = reservations
          .slice(start, start + loadChunk)
          .flatMap((r) => [r.bookingId, r.itemId, r.quantity, r.idempotencyKey, r.fingerprint, r.userId]);
        const [count] = await run(scripts.hold, [gateKey(eventId)], args);
        if (Number(count) < 0) return added;
        added += Number(count);
      }
      return added;
    },

    async availability(eventId) {
      const reply = await runLuaScript(client, scripts.availability, keysOf(eventId), []);
      return toAvailability(decodeJsonReply(scripts.availability.name, reply, availabilityReplySchema));
    },

    async reservations(eventId) {
      const result = new Map<string, HeldReservation>();
      let cursor = '0';
      do {
        const reply = await runLuaScript(client, scripts.reservations, keysOf(eventId), [cursor, '1000']);
        const page = decodeJsonReply(scripts.reservations.name, reply, reservationsReplySchema);
        for (const { bookingId, value, until } of page.reservations) result.set(bookingId, parseReservation(bookingId, value, until));
        cursor = page.cursor;
      } while (cursor !== '0');
      return result;
    },
  };
}
