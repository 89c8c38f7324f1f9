import type { QueueCheckpoint, QueueSnapshot } from '../admission/admission-queue.js';
import type { OriginDeps } from '../deps.js';
import { log } from '../logging/log.js';
import type { EventRecord } from './event-record.js';

const SAVE_EVERY_MS = 1_000;
const emptyCheckpoint: QueueCheckpoint = { tailSeq: 0, servingSeq: 0, admitted: 0, drawn: false };

/**
 * Seqs reserved per ledger write: 30 s of the admission rate, at least 100. Larger blocks mean
 * fewer ledger writes on the join path; smaller ones mean fewer never-issued seqs to step over
 * after a store loss (docs/decisions/0005-queue-checkpoints.md).
 */
export function reservationBlock(newUsersPerMinute: number): number {
  return Math.max(100, Math.ceil(newUsersPerMinute / 2));
}

export type QueueCheckpoints = ReturnType<typeof createQueueCheckpoints>;

/**
 * Keeps the admission queue recoverable from the ledger. Seqs are handed out only below a
 * reservation that the ledger holds first, so a queue restored after a Redis wipe resumes past
 * every seq a visitor may carry in a token; servingSeq and admitted follow at most once a second.
 */
export function createQueueCheckpoints({ ledger, queue, clock }: Pick<OriginDeps, 'ledger' | 'queue' | 'clock'>) {
  const reserving = new Map<string, Promise<void>>();
  const lastSave = new Map<string, { at: number; state: string }>();

  /** Resumes a queue the store has just (re)created from the ledger's checkpoint, or from zero. */
  async function restore(eventId: string): Promise<void> {
    const checkpoint = (await ledger.getQueueCheckpoint(eventId)) ?? emptyCheckpoint;
    await queue.restore(eventId, checkpoint, clock.now());
  }

  /**
   * Lets `join`/`draw` hand out seqs up to at least `neededSeq`: the ledger first, then the store.
   * Concurrent callers for one event share the write in flight, then try again.
   */
  async function reserve(record: EventRecord, neededSeq: number): Promise<void> {
    const running = reserving.get(record.id);
    if (running) return running;
    const write = (async () => {
      const snapshot = await queue.advance(record.id, clock.now());
      const upTo = Math.max(neededSeq, snapshot.tailSeq) + reservationBlock(record.admission.newUsersPerMinute);
      await ledger.putQueueCheckpoint(record.id, { ...checkpointOf(snapshot), tailSeq: upTo });
      await queue.reserve(record.id, upTo);
    })().finally(() => reserving.delete(record.id));
    reserving.set(record.id, write);
    return write;
  }

  /** Writes servingSeq/admitted/drawn when they moved, at most once a second per event (`force`: now). */
  async function save(eventId: string, snapshot: QueueSnapshot, force = false): Promise<void> {
    if (!snapshot.exists) return;
    const now = clock.now();
    const state = `${snapshot.servingSeq}:${snapshot.admitted}:${snapshot.drawn}`;
    const last = lastSave.get(eventId);
    if (!force && last && (last.state === state || now - last.at < SAVE_EVERY_MS)) return;
    lastSave.set(eventId, { at: now, state });
    try {
      await ledger.putQueueCheckpoint(eventId, checkpointOf(snapshot));
    } catch (error) {
      // Best effort: a lagging servingSeq only delays visitors after a wipe; try again next time.
      lastSave.delete(eventId);
      log.warn({ eventId, err: error }, 'queue checkpoint not saved');
    }
  }

  return { restore, reserve, save };
}

function checkpointOf(snapshot: QueueSnapshot): QueueCheckpoint {
  return {
    tailSeq: snapshot.reservedSeq ?? snapshot.tailSeq,
    servingSeq: snapshot.servingSeq,
    admitted: snapshot.admitted,
    drawn: snapshot.drawn,
  };
}
