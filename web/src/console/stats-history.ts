import type { EventStats } from '../../../core/index.js';

/** The figures a drop's live charts draw, at one moment. */
export interface StatsSample {
  /** Epoch milliseconds when the answer arrived. */
  at: number;
  waiting: number;
  admitted: number;
  active: number;
  booked: number;
}

export const sampleOf = (stats: EventStats, at: number): StatsSample => ({
  at,
  waiting: stats.waiting,
  admitted: stats.admitted,
  active: stats.active,
  booked: stats.booked,
});

export interface StatsHistory {
  push(sample: StatsSample): void;
  /** The samples of the last `windowMs` before `now`, oldest first. */
  samples(now: number): StatsSample[];
  readonly size: number;
}

/**
 * The last few minutes of a drop's figures, kept in the browser (the API answers only "now"). A
 * fixed ring: a console left open all day never grows; the window trims what the ring still holds
 * after a pause in polling (a background tab).
 */
export function makeStatsHistory(options: { windowMs: number; capacity: number }): StatsHistory {
  const ring: StatsSample[] = [];
  let next = 0;
  return {
    push(sample) {
      if (ring.length < options.capacity) ring.push(sample);
      else ring[next] = sample;
      next = (next + 1) % options.capacity;
    },
    samples(now) {
      const ordered = ring.length < options.capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return ordered.filter((sample) => sample.at > now - options.windowMs && sample.at <= now);
    },
    get size() {
      return ring.length;
    },
  };
}
