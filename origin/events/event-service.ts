import {
  AppError,
  eventPhase,
  prequeueStartsAt,
  type CreateEvent,
  type EventStatus,
  type EventView,
  type PatchEvent,
} from '../../core/index.js';
import type { JoinResult, QueueSnapshot } from '../admission/admission-queue.js';
import { drawOrder, makeSeed, sha256Hex } from '../admission/fairness.js';
import type { OriginDeps } from '../deps.js';
import { createGateRebuild } from '../inventory/gate-rebuild.js';
import { emptySnapshot } from '../inventory/inventory-gate.js';
import type { EventRecord } from './event-record.js';
import { createQueueCheckpoints } from './queue-checkpoints.js';

const CACHE_MS = 1_000;
const JOIN_ATTEMPTS = 10;

/** What a join through the service can answer: reservations are handled inside. */
export type ServiceJoinResult = Exclude<JoinResult, { kind: 'reserve_needed' }>;

export type EventService = ReturnType<typeof createEventService>;

/**
 * Events: definitions in the ledger, live state in the admission queue and the inventory gate.
 * Keeps the fast stores in step with the ledger: configures a queue the store has lost, rebuilds
 * a gate from ledger bookings, runs the pre-queue draw once the event starts, and checkpoints the
 * queue into the ledger so a wiped store resumes without reusing a seq (queue-checkpoints.ts).
 */
export function createEventService(deps: OriginDeps) {
  const { ledger, queue, gate, clock } = deps;
  const checkpoints = createQueueCheckpoints(deps);
  const gateRebuild = createGateRebuild(deps);
  const cache = new Map<string, { record: EventRecord; at: number }>();
  const reading = new Map<string, Promise<EventRecord>>();

  async function find(eventId: string): Promise<EventRecord> {
    const hit = cache.get(eventId);
    if (hit && clock.now() - hit.at < CACHE_MS) return hit.record;
    // One ledger read per event however many requests miss the cache at once (a flash crowd
    // arrives in the same millisecond).
    let loading = reading.get(eventId);
    if (!loading) {
      loading = ledger
        .getEvent(eventId)
        .then((record) => {
          if (!record) throw new AppError('event_not_found');
          cache.set(eventId, { record, at: clock.now() });
          return record;
        })
        .finally(() => reading.delete(eventId));
      reading.set(eventId, loading);
    }
    return loading;
  }

  const queueSettings = (record: EventRecord) => ({
    ...record.admission,
    queueAll: record.queueAll,
    startsAt: Date.parse(record.startsAt),
  });

  async function syncQueue(record: EventRecord): Promise<QueueSnapshot> {
    const now = clock.now();
    let snapshot = await queue.advance(record.id, now);
    if (!snapshot.exists) {
      await queue.configure(record.id, queueSettings(record));
      await queue.setFlags(record.id, { paused: record.paused, closed: record.closed }, now);
      await checkpoints.restore(record.id);
      snapshot = await queue.advance(record.id, now);
    }
    if (!snapshot.drawn && snapshot.prequeued > 0 && now >= Date.parse(record.startsAt)) {
      const members = await queue.prequeueMembers(record.id);
      if (snapshot.reservedSeq !== null && snapshot.reservedSeq < snapshot.tailSeq + members.length) {
        await checkpoints.reserve(record, snapshot.tailSeq + members.length);
      }
      const drawn = await queue.draw(record.id, drawOrder(record.seed, members));
      snapshot = await queue.advance(record.id, now);
      if (drawn) await checkpoints.save(record.id, snapshot, true);
    }
    await checkpoints.save(record.id, snapshot);
    const ended = eventPhase(record, now) === 'ended';
    if ((ended || record.closed) && !snapshot.closed) {
      await queue.setFlags(record.id, { closed: true }, now);
      snapshot = { ...snapshot, closed: true };
    }
    return snapshot;
  }

  /** A join that reserves more seqs in the ledger whenever the store asks for it. */
  async function join(record: EventRecord, userId: string): Promise<ServiceJoinResult> {
    for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt += 1) {
      const result = await queue.join(record.id, userId, clock.now());
      if (result.kind !== 'reserve_needed') return result;
      await checkpoints.reserve(record, result.tailSeq + 1);
    }
    throw new AppError('origin_unavailable', { detail: 'the queue is busy, try again', headers: { 'retry-after': '1' } });
  }

  /** Rebuilds the event's gate from the ledger if the gate has lost it (or never had it). */
  async function syncGate(record: EventRecord): Promise<void> {
    await gateRebuild.ensureLoaded(record);
  }

  async function remainingByItem(record: EventRecord): Promise<Map<string, number>> {
    await syncGate(record);
    const availability = await gate.availability(record.id);
    return new Map(record.items.map((item) => {
      const entry = availability.get(item.id);
      return [item.id, Math.max(0, (entry?.capacity ?? item.capacity) - (entry?.booked ?? 0))];
    }));
  }

  function statusOf(record: EventRecord, snapshot: QueueSnapshot, soldOut: boolean): EventStatus {
    const phase = eventPhase(record, clock.now());
    if (record.closed || snapshot.closed || phase === 'ended') return 'closed';
    if (soldOut || snapshot.soldout) return 'soldout';
    if (phase !== 'open') return phase;
    return record.paused ? 'paused' : 'open';
  }

  /**
   * The event's live numbers and status, read once for the event JSON and the queue state alike;
   * an event whose every item is gone is flagged sold out in the queue so joins stop at once.
   */
  async function live(record: EventRecord) {
    const [snapshot, remaining] = await Promise.all([syncQueue(record), remainingByItem(record)]);
    const soldOut = [...remaining.values()].every((left) => left === 0);
    if (soldOut && !snapshot.soldout) await queue.setFlags(record.id, { soldout: true }, clock.now());
    return { snapshot, remaining, status: statusOf(record, snapshot, soldOut) };
  }

  async function view(record: EventRecord): Promise<EventView> {
    const { remaining, status } = await live(record);
    const started = clock.now() >= Date.parse(record.startsAt);
    return {
      id: record.id,
      title: record.title,
      kind: record.kind,
      status,
      ...(record.description !== undefined && { description: record.description }),
      ...(record.venue !== undefined && { venue: record.venue }),
      startsAt: record.startsAt,
      ...(record.endsAt !== undefined && { endsAt: record.endsAt }),
      prequeueStartsAt: new Date(prequeueStartsAt(record)).toISOString(),
      guestsAllowed: record.guestsAllowed,
      ...(record.channelId !== undefined && { channelId: record.channelId }),
      admission: { ...record.admission, queueAll: record.queueAll },
      items: record.items.map((item) => ({
        id: item.id,
        label: item.label,
        capacity: item.capacity,
        remaining: remaining.get(item.id) ?? item.capacity,
        perUserLimit: item.perUserLimit,
        ...(item.description !== undefined && { description: item.description }),
        ...(item.priceKrw !== undefined && { priceKrw: item.priceKrw }),
      })),
      fairness: { seedSha256: record.seedSha256, ...(started && { seed: record.seed }) },
    };
  }

  async function create(input: CreateEvent): Promise<EventRecord> {
    const seed = makeSeed();
    const record: EventRecord = {
      ...input,
      id: input.id ?? deps.ids.next('evt'),
      admission: input.admission,
      queueAll: input.queueAll,
      paused: false,
      closed: false,
      seed,
      seedSha256: sha256Hex(seed),
      createdAt: new Date(clock.now()).toISOString(),
      version: 1,
    };
    if ((await ledger.createEvent(record)) === 'exists') throw new AppError('event_exists');
    await queue.configure(record.id, queueSettings(record));
    await checkpoints.restore(record.id);
    await gate.load(record.id, emptySnapshot(record.items));
    return record;
  }

  async function patch(eventId: string, changes: PatchEvent): Promise<EventRecord> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      cache.delete(eventId);
      const current = await find(eventId);
      const next: EventRecord = {
        ...current,
        paused: changes.paused ?? current.paused,
        closed: changes.closed ?? current.closed,
        queueAll: changes.queueAll ?? current.queueAll,
        admission: {
          newUsersPerMinute: changes.newUsersPerMinute ?? current.admission.newUsersPerMinute,
          maxActiveUsers: changes.maxActiveUsers ?? current.admission.maxActiveUsers,
          sessionSeconds: changes.sessionSeconds ?? current.admission.sessionSeconds,
        },
        version: current.version + 1,
      };
      if (!(await ledger.updateEvent(next))) continue;
      cache.set(eventId, { record: next, at: clock.now() });
      await syncQueue(next);
      // Advance up to now under the old settings, then switch, so a rate change is not retroactive.
      await queue.advance(eventId, clock.now());
      await queue.configure(eventId, queueSettings(next));
      await queue.setFlags(eventId, { paused: next.paused, closed: next.closed }, clock.now());
      return next;
    }
    throw new AppError('internal', { detail: 'event changed concurrently, retry' });
  }

  async function list(): Promise<EventRecord[]> {
    return ledger.listEvents();
  }

  return { find, live, view, create, patch, list, syncQueue, join, syncGate, gateRebuild };
}
