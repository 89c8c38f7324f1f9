import { eventStatus, firmPlacesLeft, prequeueStartsAt, type EventStatus, type EventView } from '../../core/index.js';
import type { QueueSnapshot } from '../admission/admission-queue.js';
import type { OriginDeps } from '../deps.js';
import { originMetrics, type OriginMetrics } from '../metrics/origin-metrics.js';
import type { EventRecord } from './event-record.js';

/** An event's live numbers, read from the stores as they are. */
export interface EventLive {
  snapshot: QueueSnapshot;
  /** Places not booked per item (provisional holds count as taken, as shoppers see them). */
  remaining: Map<string, number>;
  status: EventStatus;
}

export type EventReads = ReturnType<typeof createEventReads>;

/**
 * The read side of events: the event JSON, the queue state and the stats are computed from stored
 * state and write nothing (DESIGN.md §4 invariant 8). `servingSeq` is what the lazy advance would
 * give at this instant (`peek`); the writes persist it. A store that has lost the event answers
 * from the ledger's checkpoint and counters until a write path or the upkeep tick restores it.
 */
export function createEventReads({ queue, gate, ledger, clock, metrics = originMetrics }: Pick<OriginDeps, 'queue' | 'gate' | 'ledger' | 'clock' | 'metrics'>) {
  async function readSnapshot(record: EventRecord, now: number): Promise<QueueSnapshot> {
    const snapshot = await queue.peek(record.id, now);
    if (snapshot.exists) return snapshot;
    const checkpoint = await ledger.getQueueCheckpoint(record.id);
    return { ...snapshot, ...(checkpoint && { tailSeq: checkpoint.tailSeq, servingSeq: checkpoint.servingSeq, admitted: checkpoint.admitted, drawn: checkpoint.drawn }) };
  }

  /** Per item: [places not booked, places not firmly booked]. */
  async function readInventory(record: EventRecord): Promise<Map<string, { shown: number; firm: number }>> {
    const loaded = await gate.isLoaded(record.id);
    const availability = loaded ? await gate.availability(record.id) : undefined;
    const counts = loaded ? undefined : await ledger.itemCounts(record.id);
    return new Map(record.items.map((item) => {
      const entry = availability?.get(item.id);
      const places = { capacity: entry?.capacity ?? item.capacity, booked: entry?.booked ?? counts?.get(item.id) ?? 0, provisional: entry?.provisional ?? 0 };
      return [item.id, { shown: Math.max(0, places.capacity - places.booked), firm: firmPlacesLeft(places) }];
    }));
  }

  async function live(record: EventRecord): Promise<EventLive> {
    const now = clock.now();
    const [snapshot, inventory] = await Promise.all([readSnapshot(record, now), readInventory(record)]);
    const firm = [...inventory.values()].reduce((sum, entry) => sum + entry.firm, 0);
    recordQueueDepth(metrics, record.id, snapshot);
    const status = eventStatus(
      { schedule: record, paused: record.paused, closed: record.closed, drawn: snapshot.drawn, prequeued: snapshot.prequeued, remaining: firm },
      now,
    );
    return { snapshot, remaining: new Map([...inventory].map(([id, entry]) => [id, entry.shown])), status };
  }

  /** The event JSON from live numbers already read. */
  const present = (record: EventRecord, { remaining, status }: EventLive): EventView => toEventView(record, status, remaining, clock.now());

  async function view(record: EventRecord): Promise<EventView> {
    return present(record, await live(record));
  }

  return { live, view, present };
}

/** The queue's depth as this read found it: free, the snapshot is in hand (`banjjak_queue_depth`). */
export function recordQueueDepth(metrics: Pick<OriginMetrics, 'queueDepth'>, eventId: string, snapshot: Pick<QueueSnapshot, 'tailSeq' | 'servingSeq'>): void {
  metrics.queueDepth.set({ event: eventId }, Math.max(0, snapshot.tailSeq - snapshot.servingSeq));
}

function toEventView(record: EventRecord, status: EventStatus, remaining: Map<string, number>, now: number): EventView {
  const started = now >= Date.parse(record.startsAt);
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
