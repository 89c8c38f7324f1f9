import type { EventStats } from '../../core/index.js';
import type { JourneyCounts } from '../journal/visitor-journal.js';
import type { QueueSample, TimelinePoint } from '../report/report.js';
import type { IntervalReport } from '../runner/worker-protocol.js';
import { mergeIntervals, type IntervalSnapshot } from './endpoint-metrics.js';

const queueOf = (stats: EventStats): QueueSample => ({
  waiting: stats.waiting,
  active: stats.active,
  admitted: stats.admitted,
  booked: stats.booked,
  remaining: stats.remaining,
  servingSeq: stats.servingSeq,
  tailSeq: stats.tailSeq,
});

const zero = (): JourneyCounts => ({ joined: 0, admitted: 0, booked: 0, done: 0 });

/**
 * The run second by second: each worker's interval reports keyed by their second, the operator
 * stats the main thread sampled, merged into one point per second.
 */
export function createRunTimeline(workers: number) {
  const seconds = new Map<number, { intervals: IntervalSnapshot[]; counts: Map<number, JourneyCounts>; queue?: QueueSample }>();
  const latest = Array.from({ length: workers }, () => ({ sent: 0, unexpected: 0, counts: zero() }));
  const at = (tick: number) => {
    let second = seconds.get(tick);
    if (!second) {
      second = { intervals: [], counts: new Map() };
      seconds.set(tick, second);
    }
    return second;
  };

  const points = (): TimelinePoint[] => {
    const last = Array.from({ length: workers }, zero);
    return [...seconds.keys()]
      .sort((a, b) => a - b)
      .map((tick) => {
        const second = at(tick);
        for (const [worker, counts] of second.counts) last[worker] = counts;
        const visitors = zero();
        for (const counts of last) for (const key of Object.keys(visitors) as (keyof JourneyCounts)[]) visitors[key] += counts[key];
        return { t: tick, ...mergeIntervals(second.intervals), visitors, ...(second.queue && { queue: second.queue }) };
      });
  };

  return {
    addInterval(worker: number, report: IntervalReport): void {
      const second = at(report.tick);
      second.intervals.push(report.interval);
      second.counts.set(worker, report.counts);
      latest[worker] = { sent: report.sent, unexpected: report.unexpected, counts: report.counts };
    },
    addStats(tick: number, stats: EventStats): void {
      at(tick).queue = queueOf(stats);
    },
    /** Requests sent and unexpected answers so far, over every worker. */
    totals: () => latest.reduce((sum, worker) => ({ requests: sum.requests + worker.sent, unexpected: sum.unexpected + worker.unexpected }), { requests: 0, unexpected: 0 }),
    /** The newest complete-enough second for the progress line. */
    latest: (): TimelinePoint | undefined => points().at(-1),
    points,
  };
}
