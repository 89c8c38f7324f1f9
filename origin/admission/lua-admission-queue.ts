import { randomUUID } from 'node:crypto';
import { loadLuaScript, runLuaScript, type LuaScript, type RedisEval } from '../redis/lua-script.js';
import type { AdmissionQueue, AdmitResult, JoinResult, QueueFlags, QueueSnapshot } from './admission-queue.js';

const withAdvance = ['advance-queue'];
const lua = (name: string, libs?: string[]) => loadLuaScript(new URL('./lua/', import.meta.url), name, libs);
const scripts = {
  configure: lua('configure'),
  setFlags: lua('set-flags', withAdvance),
  join: lua('join', withAdvance),
  advance: lua('advance', withAdvance),
  admit: lua('admit', withAdvance),
  complete: lua('complete'),
  prequeueMembers: lua('prequeue-members'),
  stageDraw: lua('stage-draw'),
  draw: lua('draw'),
  restore: lua('restore'),
  reserve: lua('reserve'),
};

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
    return { meta: `${base}:m`, places: `${base}:q`, sessions: `${base}:s`, prequeue: `${base}:p`, staging: `${base}:d:${randomUUID()}` };
  };
  const run = async (script: LuaScript, keys: string[], args: (string | number)[]): Promise<Reply> => {
    const reply = await runLuaScript(client, script, keys, args.map(String));
    return (Array.isArray(reply) ? reply : [reply]) as Reply;
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
      const [kind, a, b] = await run(scripts.join, [k.meta, k.places, k.sessions, k.prequeue], [userId, now]);
      switch (kind) {
        case 'placed':
          return { kind, seq: Number(a), created: Number(b) === 1 };
        case 'prequeued':
          return { kind, created: Number(a) === 1 };
        case 'reserve_needed':
          return { kind, tailSeq: Number(a) };
        case 'draw_pending':
        case 'closed':
        case 'soldout':
          return { kind };
        default:
          throw new Error(`join.lua answered an unknown kind: ${String(kind)}`);
      }
    },

    async advance(eventId, now): Promise<QueueSnapshot> {
      const k = keysOf(eventId);
      const r = (await run(scripts.advance, [k.meta, k.sessions, k.prequeue], [now])).map(Number);
      const at = (index: number): number => r[index] ?? 0;
      if (at(0) === 0) {
        return { exists: false, tailSeq: 0, servingSeq: 0, reservedSeq: null, paused: false, closed: false, soldout: false, drawn: false, prequeued: 0, active: 0, admitted: 0, settings: null };
      }
      return {
        exists: true,
        tailSeq: at(1),
        servingSeq: at(2),
        reservedSeq: at(3) < 0 ? null : at(3),
        paused: at(4) === 1,
        closed: at(5) === 1,
        soldout: at(6) === 1,
        drawn: at(7) === 1,
        prequeued: at(8),
        active: at(9),
        admitted: at(10),
        settings: { newUsersPerMinute: at(11), maxActiveUsers: at(12), sessionSeconds: at(13), queueAll: at(14) === 1, startsAt: at(15) },
      };
    },

    async admit(eventId, userId, seq, now): Promise<AdmitResult> {
      const k = keysOf(eventId);
      const [kind, a, b] = await run(scripts.admit, [k.meta, k.sessions], [userId, seq, now]);
      switch (kind) {
        case 'admitted':
          return { kind, expiresAt: Number(a), renewed: Number(b) === 1 };
        case 'not_ready':
          return { kind, servingSeq: Number(a) };
        case 'at_capacity':
        case 'closed':
        case 'soldout':
          return { kind };
        default:
          throw new Error(`admit.lua answered an unknown kind: ${String(kind)}`);
      }
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
