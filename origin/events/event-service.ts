import { AppError, eventPhase, type CreateEvent, type PatchEvent } from '../../core/index.js';
import { makeSeed, sha256Hex } from '../admission/fairness.js';
import type { OriginDeps } from '../deps.js';
import { emptySnapshot } from '../inventory/inventory-gate.js';
import { originMetrics } from '../metrics/origin-metrics.js';
import { createEventDirectory } from './event-directory.js';
import type { EventRecord } from './event-record.js';
import { createEventReads, recordQueueDepth } from './event-reads.js';
import { createEventUpkeep } from './event-upkeep.js';

export type EventService = ReturnType<typeof createEventService>;

/**
 * Events: definitions in the ledger (`event-directory.ts`), pure reads of their live state
 * (`event-reads.ts`), and the one place that moves their stores along (`event-upkeep.ts`). The
 * operator's writes live here.
 */
export function createEventService(deps: OriginDeps) {
  const { ledger, gate, clock } = deps;
  const directory = createEventDirectory(deps);
  const reads = createEventReads(deps);
  const upkeep = createEventUpkeep(deps);

  async function create(input: CreateEvent): Promise<EventRecord> {
    const seed = makeSeed();
    const record: EventRecord = {
      ...input,
      id: input.id ?? deps.ids.next('evt'),
      paused: false,
      closed: false,
      seed,
      seedSha256: sha256Hex(seed),
      createdAt: new Date(clock.now()).toISOString(),
      version: 1,
    };
    if ((await ledger.createEvent(record)) === 'exists') throw new AppError('event_exists');
    await upkeep.initialize(record);
    await gate.load(record.id, emptySnapshot(record.items));
    return record;
  }

  async function patch(eventId: string, changes: PatchEvent): Promise<EventRecord> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      directory.forget(eventId);
      const current = await directory.find(eventId);
      const next: EventRecord = {
        ...current,
        paused: changes.paused ?? current.paused,
        closed: changes.closed ?? current.closed,
        hidden: changes.hidden ?? current.hidden,
        queueAll: changes.queueAll ?? current.queueAll,
        admission: {
          newUsersPerMinute: changes.newUsersPerMinute ?? current.admission.newUsersPerMinute,
          maxActiveUsers: changes.maxActiveUsers ?? current.admission.maxActiveUsers,
          sessionSeconds: changes.sessionSeconds ?? current.admission.sessionSeconds,
        },
        version: current.version + 1,
      };
      if (!(await ledger.updateEvent(next))) continue;
      directory.remember(next);
      await upkeep.reconfigure(next);
      return next;
    }
    throw new AppError('internal', { detail: 'event changed concurrently, retry' });
  }

  /**
   * The reconciler's tick for one event: the draw, checkpoints, recovery and flags; an event past
   * its `endsAt` is closed in the ledger too, which takes it out of the catalog. Idempotent.
   */
  async function tick(record: EventRecord): Promise<void> {
    if (!record.closed && eventPhase(record, clock.now()) === 'ended') {
      const closed = { ...record, closed: true, version: record.version + 1 };
      // Conditional on the version: of several instances ticking at once, one closes it.
      if (await ledger.updateEvent(closed)) directory.remember(closed);
      return upkeep.reconfigure(closed);
    }
    recordQueueDepth(deps.metrics ?? originMetrics, record.id, await upkeep.sync(record));
  }

  return { find: directory.find, live: reads.live, view: reads.view, present: reads.present, create, patch, tick, upkeep };
}
