import { randomUUID } from 'node:crypto';
import { runLuaScript, type LuaScript, type RedisEval } from '../redis/lua-script.js';
import { admissionScripts as scripts } from './admission-scripts.js';
import { decodeReply } from '../redis/decode-reply.js';
import { admitReplySchema, joinReplySchema, snapshotReplySchema, toSnapshot } from './queue-reply.js';
import { CAPACITY_CLAIM_MS, type AdmissionQueue, type AdmitResult, type JoinResult, type QueueFlags, type QueueSnapshot } from './admission-queue.js';

export interface LuaAdmissionQueueOptions {
  /** Key prefix; every key of an event is `<prefix>:{<eventId>}:<part>`. @default 'bj' */
  prefix?: string;
  /** User ids per staging request of a draw. @default 1000 */
  drawChunk?: number;
}

type Reply = (string | number)[];
const flag = (value: boolean | undefined): string => (value === undefined ? '-' : value ? '1' : '0');

/**
 * The Redis adapters' shared body: every operation is one Lua script (`lua/*.lua`), so each is
 * atomic on the server and any number of origin instances can share an event with no leader.
 * One hash tag per event keeps all its keys in one Redis Cluster slot.
 */
export function createLuaAdmissionQueue(client: RedisEval, options: LuaAdmissionQueueOptions = {}): AdmissionQueue {
  const prefix = options.prefix ?? 'bj';
  const drawChunk = options.drawChunk ?? 1000;
  const keysOf = (eventId: string) => {
    const base = `${prefix}:{${eventId}}`;
    return {
      meta: `${base}:m`,
      places: `${base}:q`,
      sessions: `${base}:s`,
      prequeue: `${base}:p`,
      claims: `${base}:w`,
      asked: `${base}:wt`,
      staging: `${base}:d:${randomUUID()}`,
    };
  };
  const run = async (script: LuaScript, keys: string[], args: (string | number)[]): Promise<Reply> => {
    const reply = await runLuaScript(client, script, keys, args.map(String));
    return (Array.isArray(reply) ? reply : [reply]) as Reply;
  };

  const readSnapshot = async (script: LuaScript, eventId: string, now: number): Promise<QueueSnapshot> => {
    const k = keysOf(eventId);
    const reply = await runLuaScript(client, script, [k.meta, k.sessions, k.prequeue], [String(now)]);
    return toSnapshot(decodeReply(script.name, reply, snapshotReplySchema));
  };

  return {
    async configure(eventId, settings) {
      const k = keysOf(eventId);
      const { newUsersPerMinute, maxActiveUsers, sessionSeconds, queueAll, startsAt } = settings;
      await run(scripts.configure, [k.meta], [newUsersPerMinute, maxActiveUsers, sessionSeconds, queueAll ? 1 : 0, startsAt]);
    },

    async setFlags(eventId, flags: QueueFlags, now) {
      const k = keysOf(eventId);
      await run(scripts.setFlags, [k.meta, k.sessions], [now, flag(flags.paused), flag(flags.closed), flag(flags.soldout)]);
    },

    async join(eventId, userId, now): Promise<JoinResult> {
      const k = keysOf(eventId);
      const reply = await runLuaScript(client, scripts.join, [k.meta, k.places, k.sessions, k.prequeue], [userId, String(now)]);
      return decodeReply(scripts.join.name, reply, joinReplySchema);
    },

    advance: (eventId, now) => readSnapshot(scripts.advance, eventId, now),
    peek: (eventId, now) => readSnapshot(scripts.peek, eventId, now),

    async admit(eventId, userId, seq, now): Promise<AdmitResult> {
      const k = keysOf(eventId);
      const reply = await runLuaScript(client, scripts.admit, [k.meta, k.sessions, k.claims, k.asked], [userId, String(seq), String(now), String(CAPACITY_CLAIM_MS)]);
      return decodeReply(scripts.admit.name, reply, admitReplySchema);
    },

    async complete(eventId, userId) {
      await run(scripts.complete, [keysOf(eventId).sessions], [userId]);
    },

    async prequeueMembers(eventId) {
      return (await run(scripts.prequeueMembers, [keysOf(eventId).prequeue], [])).map(String);
    },

    async draw(eventId, orderedUserIds) {
      const k = keysOf(eventId);
      for (let start = 0; start < orderedUserIds.length; start += drawChunk) {
        await run(scripts.stageDraw, [k.staging], orderedUserIds.slice(start, start + drawChunk));
      }
      const [applied] = await run(scripts.draw, [k.meta, k.places, k.prequeue, k.staging], []);
      if (Number(applied) < 0) throw new Error(`draw of ${orderedUserIds.length} exceeds the reservation of event ${eventId}`);
      return Number(applied) === 1;
    },

    async restore(eventId, checkpoint, now) {
      const { tailSeq, servingSeq, admitted, drawn } = checkpoint;
      await run(scripts.restore, [keysOf(eventId).meta], [tailSeq, servingSeq, admitted, drawn ? 1 : 0, now]);
    },

    async reserve(eventId, upToSeq) {
      await run(scripts.reserve, [keysOf(eventId).meta], [upToSeq]);
    },
  };
}
