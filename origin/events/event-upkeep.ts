import { AppError, eventPhase, firmPlacesLeft } from '../../core/index.js';
import type { JoinResult, QueueSnapshot } from '../admission/admission-queue.js';
import type { OriginDeps } from '../deps.js';
import { createGateRebuild } from '../inventory/gate-rebuild.js';
import type { EventRecord } from './event-record.js';
import { createQueueCheckpoints } from './queue-checkpoints.js';
import { orderRegistrants } from './registrant-draw.js';

const JOIN_ATTEMPTS = 10;

/** What a join through the upkeep can answer: reservations and restores are handled inside. */
export type UpkeepJoinResult = Exclude<JoinResult, { kind: 'reserve_needed' } | { kind: 'missing' }>;

export type EventUpkeep = ReturnType<typeof createEventUpkeep>;

/**
 * The one place where an event's stores are moved on to where its lifecycle says they should be
 * (docs/decisions/0008-event-lifecycle.md): a queue the store lost is restored from the ledger,
 * the pre-queue is drawn at `startsAt`, the queue is checkpointed, the gate is rebuilt, and the
 * queue's sold-out and closed flags follow the ledger and the inventory. Every step is
 * idempotent and safe from any number of instances at once; it runs on the write paths that need
 * it and on the reconciler's tick, never on a read.
 */
export function createEventUpkeep(deps: OriginDeps) {
  const { queue, gate, clock } = deps;
  const checkpoints = createQueueCheckpoints(deps);
  const gateRebuild = createGateRebuild(deps);
  const drawing = new Map<string, Promise<void>>();

  const queueSettings = (record: EventRecord) => ({ ...record.admission, queueAll: record.queueAll, startsAt: Date.parse(record.startsAt) });

  async function ensureQueue(record: EventRecord, now: number): Promise<QueueSnapshot> {
    const snapshot = await queue.advance(record.id, now);
    if (snapshot.exists) return snapshot;
    await queue.configure(record.id, queueSettings(record));
    await queue.setFlags(record.id, { paused: record.paused, closed: record.closed }, now);
    await checkpoints.restore(record.id);
    return queue.advance(record.id, now);
  }

  async function draw(record: EventRecord, snapshot: QueueSnapshot, now: number): Promise<void> {
    // The registrant list reaches the ledger before any place is given (docs/fairness.md).
    const order = await orderRegistrants(deps.ledger, record, await queue.prequeueMembers(record.id));
    if (snapshot.reservedSeq !== null && snapshot.reservedSeq < snapshot.tailSeq + order.length) {
      await checkpoints.reserve(record, snapshot.tailSeq + order.length);
    }
    if (await queue.draw(record.id, order)) await checkpoints.save(record.id, await queue.advance(record.id, now), true);
  }

  async function drawIfDue(record: EventRecord, snapshot: QueueSnapshot, now: number): Promise<QueueSnapshot> {
    if (snapshot.drawn || snapshot.prequeued === 0 || now < Date.parse(record.startsAt)) return snapshot;
    // The crowd arriving at the start finds the draw due at once: one draw per instance, the rest wait for it.
    let running = drawing.get(record.id);
    if (!running) {
      running = draw(record, snapshot, now).finally(() => drawing.delete(record.id));
      drawing.set(record.id, running);
    }
    await running;
    return queue.advance(record.id, now);
  }

  /** Mirrors "every place firmly taken" and "closed" into the queue, so joins and admits stop at once. */
  async function syncFlags(record: EventRecord, snapshot: QueueSnapshot, now: number): Promise<QueueSnapshot> {
    await gateRebuild.ensureLoaded(record);
    const availability = await gate.availability(record.id);
    const soldout = record.items.every((item) => {
      const entry = availability.get(item.id);
      return entry !== undefined && firmPlacesLeft(entry) === 0;
    });
    const closed = record.closed || eventPhase(record, now) === 'ended';
    if (soldout === snapshot.soldout && closed === snapshot.closed) return snapshot;
    await queue.setFlags(record.id, { soldout, ...(closed && { closed }) }, now);
    return { ...snapshot, soldout, closed: snapshot.closed || closed };
  }

  /** Brings the event's queue and gate up to date at `now`; returns the queue as it then is. */
  async function sync(record: EventRecord): Promise<QueueSnapshot> {
    const now = clock.now();
    const snapshot = await drawIfDue(record, await ensureQueue(record, now), now);
    await checkpoints.save(record.id, snapshot);
    return syncFlags(record, snapshot, now);
  }

  /**
   * A join in one store request on the hot path. The store asks for the rest when it needs it:
   * more reserved seqs (`reserve_needed`), a queue restored after a wipe (`missing`) or the
   * pre-queue drawn at `startsAt` (`draw_pending`); each is settled here and the join tried again.
   * A draw another instance is landing right now stays `draw_pending`, answered as transient.
   */
  async function join(record: EventRecord, userId: string): Promise<UpkeepJoinResult> {
    let synced = false;
    for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt += 1) {
      const result = await queue.join(record.id, userId, clock.now());
      if (result.kind === 'reserve_needed') {
        await checkpoints.reserve(record, result.tailSeq + 1);
      } else if ((result.kind === 'missing' || result.kind === 'draw_pending') && !synced) {
        await sync(record);
        synced = true;
      } else if (result.kind === 'missing') {
        throw new AppError('origin_unavailable', { detail: 'the queue is being restored, try again', headers: { 'retry-after': '1' } });
      } else {
        return result;
      }
    }
    throw new AppError('origin_unavailable', { detail: 'the queue is busy, try again', headers: { 'retry-after': '1' } });
  }

  /** Settles the queue's configuration after the operator changed the record. */
  async function reconfigure(record: EventRecord): Promise<void> {
    await sync(record);
    // Advance up to now under the old settings, then switch, so a rate change is not retroactive.
    await queue.advance(record.id, clock.now());
    await queue.configure(record.id, queueSettings(record));
    await queue.setFlags(record.id, { paused: record.paused, closed: record.closed }, clock.now());
  }

  /** A new event's stores, from zero. */
  async function initialize(record: EventRecord): Promise<void> {
    await queue.configure(record.id, queueSettings(record));
    await checkpoints.restore(record.id);
  }

  return { sync, join, reconfigure, initialize, gateRebuild };
}
