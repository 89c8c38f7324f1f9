import type { AdmitAsk, JourneyLog, Outcome, ReplayCheck, SeenBooking, VisitorRecord } from '../journey/journey-log.js';
import { runClock } from '../runner/run-clock.js';

export type { AdmitAsk, AskResult, Outcome, ReplayCheck, SeenBooking, VisitorRecord } from '../journey/journey-log.js';

export interface JourneyCounts {
  joined: number;
  admitted: number;
  booked: number;
  done: number;
}

/** Everything a journal holds, as plain data: what a worker thread hands back to the main one. */
export interface JournalData {
  visitors: VisitorRecord[];
  bookings: SeenBooking[];
  replays: ReplayCheck[];
  soldOutSeen: string[];
  counts: JourneyCounts;
  /** The first few crashes' stacks, and how many there were. */
  crashes: string[];
  crashCount: number;
}

export type Journal = ReturnType<typeof createJournal>;

const MAX_CRASHES = 20;

/**
 * What the clients saw, kept to check the invariants against the ledger after the run.
 * `epochMs` is the run's start on the shared clock (runner/run-clock.ts), so the journals of
 * several worker threads can be merged and their admit times compared.
 */
export function createJournal(epochMs = runClock()) {
  const visitors: VisitorRecord[] = [];
  const bookings: SeenBooking[] = [];
  const replays: ReplayCheck[] = [];
  const soldOutSeen = new Set<string>();
  const counts: JourneyCounts = { joined: 0, admitted: 0, booked: 0, done: 0 };
  const crashes: string[] = [];
  let crashCount = 0;

  const log: JourneyLog = {
    now: () => runClock() - epochMs,
    newVisitor() {
      const visitor: VisitorRecord = { id: visitors.length + 1, seq: null, asks: [] };
      visitors.push(visitor);
      return visitor;
    },
    joined(visitor, userId, seq) {
      if (visitor.userId === undefined) counts.joined += 1;
      visitor.userId = userId;
      visitor.seq = seq;
    },
    asked(visitor, ask: AdmitAsk) {
      visitor.asks.push(ask);
      if (ask.result === 'admitted') counts.admitted += 1;
    },
    booked(_visitor, booking) {
      bookings.push(booking);
      if (booking.status === 201) counts.booked += 1;
    },
    replayed: (check) => void replays.push(check),
    soldOut: (scope) => void soldOutSeen.add(scope),
    finish(visitor, outcome: Outcome) {
      if (visitor.outcome !== undefined) return undefined;
      visitor.outcome = outcome;
      counts.done += 1;
      return undefined;
    },
    crashed(visitor, error) {
      log.finish(visitor, 'failed');
      crashCount += 1;
      if (crashes.length < MAX_CRASHES) crashes.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    },
  };

  return {
    ...log,
    visitors,
    counts,
    /** Plain data for postMessage and the checks. */
    data: (): JournalData => ({ visitors, bookings, replays, soldOutSeen: [...soldOutSeen], counts: { ...counts }, crashes: [...crashes], crashCount }),
  };
}

/** One journal out of the workers' journals (visitor ids are renumbered, times already share the run's clock). */
export function mergeJournals(parts: readonly JournalData[]): JournalData {
  const merged: JournalData = { visitors: [], bookings: [], replays: [], soldOutSeen: [], counts: { joined: 0, admitted: 0, booked: 0, done: 0 }, crashes: [], crashCount: 0 };
  const soldOut = new Set<string>();
  for (const part of parts) {
    for (const visitor of part.visitors) merged.visitors.push({ ...visitor, id: merged.visitors.length + 1 });
    merged.bookings.push(...part.bookings);
    merged.replays.push(...part.replays);
    for (const scope of part.soldOutSeen) soldOut.add(scope);
    for (const key of Object.keys(merged.counts) as (keyof JourneyCounts)[]) merged.counts[key] += part.counts[key];
    merged.crashes.push(...part.crashes.slice(0, Math.max(0, MAX_CRASHES - merged.crashes.length)));
    merged.crashCount += part.crashCount;
  }
  merged.soldOutSeen = [...soldOut];
  return merged;
}

export function outcomesOf(visitors: readonly VisitorRecord[]): Record<Outcome, number> {
  const out: Record<Outcome, number> = { booked: 0, sold_out: 0, closed: 0, limit_reached: 0, failed: 0, unfinished: 0 };
  for (const visitor of visitors) out[visitor.outcome ?? 'unfinished'] += 1;
  return out;
}
