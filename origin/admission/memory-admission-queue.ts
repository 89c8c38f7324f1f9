import { CAPACITY_CLAIM_MS, type AdmissionQueue, type AdmitResult, type JoinResult, type QueueFlags, type QueueSettings, type QueueSnapshot } from './admission-queue.js';
import { nextAdvance } from './advance-math.js';

interface EventQueue {
  settings: QueueSettings;
  tailSeq: number;
  servingSeq: number;
  lastAdvanceAt: number;
  paused: boolean;
  closed: boolean;
  soldout: boolean;
  drawn: boolean;
  admitted: number;
  /** See `AdmissionQueue.restore`; undefined until the first restore (unlimited). */
  reservedSeq: number | undefined;
  seqByUser: Map<string, number>;
  prequeue: Set<string>;
  sessions: Map<string, number>;
  /** Visitors turned away at capacity: userId -> their seq and when they last asked. */
  claims: Map<string, { seq: number; askedAt: number }>;
}

/** In-process adapter: the embedded default and the reference the Lua scripts mirror. */
export function createMemoryAdmissionQueue(): AdmissionQueue {
  const queues = new Map<string, EventQueue>();

  const get = (eventId: string): EventQueue | undefined => queues.get(eventId);

  const activeCount = (queue: EventQueue, now: number): number => {
    for (const [userId, expiresAt] of queue.sessions) if (expiresAt <= now) queue.sessions.delete(userId);
    return queue.sessions.size;
  };

  const computeAdvance = (queue: EventQueue, now: number, active: number) =>
    nextAdvance({
      now,
      lastAdvanceAt: queue.lastAdvanceAt,
      tailSeq: queue.tailSeq,
      servingSeq: queue.servingSeq,
      active,
      blocked: queue.paused || queue.closed || queue.soldout || now < queue.settings.startsAt,
      settings: queue.settings,
    });

  /** Drops the claims not renewed in time, then counts those of smaller seqs. */
  const claimsAhead = (queue: EventQueue, seq: number, now: number): number => {
    let ahead = 0;
    for (const [userId, claim] of queue.claims) {
      if (claim.askedAt <= now - CAPACITY_CLAIM_MS) queue.claims.delete(userId);
      else if (claim.seq < seq) ahead += 1;
    }
    return ahead;
  };

  /** Counted, not pruned: a read leaves even expired sessions where they are. */
  const unexpired = (queue: EventQueue, now: number): number => [...queue.sessions.values()].filter((expiresAt) => expiresAt > now).length;

  const advance = (queue: EventQueue, now: number): void => {
    const step = computeAdvance(queue, now, activeCount(queue, now));
    queue.servingSeq = step.servingSeq;
    queue.lastAdvanceAt = step.lastAdvanceAt;
  };

  const snapshot = (queue: EventQueue | undefined, now: number): QueueSnapshot => snapshotOf(queue, queue ? activeCount(queue, now) : 0);

  const snapshotOf = (queue: EventQueue | undefined, active: number): QueueSnapshot => ({
    exists: queue !== undefined,
    tailSeq: queue?.tailSeq ?? 0,
    servingSeq: queue?.servingSeq ?? 0,
    reservedSeq: queue?.reservedSeq ?? null,
    paused: queue?.paused ?? false,
    closed: queue?.closed ?? false,
    soldout: queue?.soldout ?? false,
    drawn: queue?.drawn ?? false,
    prequeued: queue?.prequeue.size ?? 0,
    active,
    admitted: queue?.admitted ?? 0,
    settings: queue ? { ...queue.settings } : null,
  });

  return {
    async configure(eventId, settings) {
      const queue = get(eventId);
      if (queue) {
        queue.settings = { ...settings };
        return;
      }
      queues.set(eventId, {
        settings: { ...settings },
        tailSeq: 0,
        servingSeq: 0,
        lastAdvanceAt: 0,
        paused: false,
        closed: false,
        soldout: false,
        drawn: false,
        admitted: 0,
        reservedSeq: undefined,
        seqByUser: new Map(),
        prequeue: new Set(),
        sessions: new Map(),
        claims: new Map(),
      });
    },

    async setFlags(eventId, flags: QueueFlags, now) {
      const queue = get(eventId);
      if (!queue) return;
      advance(queue, now);
      if (flags.paused !== undefined) queue.paused = flags.paused;
      if (flags.closed !== undefined) queue.closed = flags.closed;
      if (flags.soldout !== undefined) queue.soldout = flags.soldout;
      queue.lastAdvanceAt = now;
    },

    async join(eventId, userId, now): Promise<JoinResult> {
      const queue = get(eventId);
      if (!queue) return { kind: 'missing' };
      const line = (servingSeq: number) => ({ servingSeq, tailSeq: queue.tailSeq, soldout: queue.soldout });
      const existing = queue.seqByUser.get(userId);
      if (existing !== undefined) {
        const peeked = computeAdvance(queue, now, unexpired(queue, now));
        return { kind: 'placed', seq: existing, created: false, ...line(peeked.servingSeq) };
      }
      if (queue.closed) return { kind: 'closed' };
      if (queue.soldout) return { kind: 'soldout' };
      if (now < queue.settings.startsAt) {
        const created = !queue.prequeue.has(userId);
        queue.prequeue.add(userId);
        return { kind: 'prequeued', created, ...line(queue.servingSeq) };
      }
      if (!queue.drawn) {
        // Places 1..N belong to the pre-queue draw, which the caller runs first.
        if (queue.prequeue.size > 0) return { kind: 'draw_pending' };
        queue.drawn = true;
      }
      advance(queue, now);
      if (queue.reservedSeq !== undefined && queue.tailSeq >= queue.reservedSeq) return { kind: 'reserve_needed', tailSeq: queue.tailSeq };
      queue.tailSeq += 1;
      queue.seqByUser.set(userId, queue.tailSeq);
      advance(queue, now);
      return { kind: 'placed', seq: queue.tailSeq, created: true, ...line(queue.servingSeq) };
    },

    async peek(eventId, now) {
      const queue = get(eventId);
      if (!queue) return snapshot(undefined, now);
      const active = unexpired(queue, now);
      return { ...snapshotOf(queue, active), servingSeq: computeAdvance(queue, now, active).servingSeq };
    },

    async advance(eventId, now) {
      const queue = get(eventId);
      if (queue) advance(queue, now);
      return snapshot(queue, now);
    },

    async admit(eventId, userId, seq, now): Promise<AdmitResult> {
      const queue = get(eventId);
      if (!queue || queue.closed) return { kind: 'closed' };
      if (queue.soldout) return { kind: 'soldout' };
      advance(queue, now);
      if (seq > queue.servingSeq) return { kind: 'not_ready', servingSeq: queue.servingSeq };
      const current = queue.sessions.get(userId);
      if (current !== undefined && current > now) return { kind: 'admitted', expiresAt: current, renewed: true };
      if (activeCount(queue, now) + claimsAhead(queue, seq, now) >= queue.settings.maxActiveUsers) {
        queue.claims.set(userId, { seq, askedAt: now });
        return { kind: 'at_capacity' };
      }
      queue.claims.delete(userId);
      const expiresAt = now + queue.settings.sessionSeconds * 1000;
      queue.sessions.set(userId, expiresAt);
      queue.admitted += 1;
      return { kind: 'admitted', expiresAt, renewed: false };
    },

    async complete(eventId, userId) {
      get(eventId)?.sessions.delete(userId);
    },

    async prequeueMembers(eventId) {
      return [...(get(eventId)?.prequeue ?? [])];
    },

    async draw(eventId, orderedUserIds) {
      const queue = get(eventId);
      if (!queue || queue.drawn) return false;
      if (queue.reservedSeq !== undefined && queue.tailSeq + orderedUserIds.length > queue.reservedSeq) {
        throw new Error(`draw of ${orderedUserIds.length} exceeds the reservation of event ${eventId}`);
      }
      for (const userId of orderedUserIds) {
        if (queue.seqByUser.has(userId)) continue;
        queue.tailSeq += 1;
        queue.seqByUser.set(userId, queue.tailSeq);
      }
      queue.prequeue.clear();
      queue.drawn = true;
      return true;
    },

    async restore(eventId, checkpoint, now) {
      const queue = get(eventId);
      if (!queue) return;
      queue.tailSeq = Math.max(queue.tailSeq, checkpoint.tailSeq);
      queue.servingSeq = Math.max(queue.servingSeq, checkpoint.servingSeq);
      queue.admitted = Math.max(queue.admitted, checkpoint.admitted);
      queue.reservedSeq = Math.max(queue.reservedSeq ?? 0, checkpoint.tailSeq);
      queue.drawn ||= checkpoint.drawn;
      queue.lastAdvanceAt = Math.max(queue.lastAdvanceAt, now);
    },

    async reserve(eventId, upToSeq) {
      const queue = get(eventId);
      if (queue) queue.reservedSeq = Math.max(queue.reservedSeq ?? 0, upToSeq);
    },
  };
}
