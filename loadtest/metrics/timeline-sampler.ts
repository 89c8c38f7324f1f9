import type { EventStats } from '../../core/index.js';
import type { Journal } from '../journal/visitor-journal.js';
import type { QueueSample, TimelinePoint } from '../report/report.js';
import type { EndpointMetrics } from './endpoint-metrics.js';

export interface SamplerOptions {
  metrics: EndpointMetrics;
  journal: Journal;
  /** Operator stats; a slow answer is skipped rather than queued behind the next one. */
  readStats: () => Promise<EventStats | undefined>;
  onTick: (point: TimelinePoint, stats: EventStats | undefined) => void;
}

const queueOf = (stats: EventStats): QueueSample => ({
  waiting: stats.waiting,
  active: stats.active,
  admitted: stats.admitted,
  booked: stats.booked,
  remaining: stats.remaining,
  servingSeq: stats.servingSeq,
  tailSeq: stats.tailSeq,
});

/** Every second: the interval's figures per endpoint, the visitors' progress and the queue's stats. */
export function startTimelineSampler(options: SamplerOptions) {
  const timeline: TimelinePoint[] = [];
  let latest: EventStats | undefined;
  let reading = false;

  const sample = (withStats: boolean) => {
    const point: TimelinePoint = {
      t: Math.round(options.journal.now() / 100) / 10,
      ...options.metrics.drainInterval(),
      visitors: { ...options.journal.counts },
    };
    timeline.push(point);
    if (withStats && !reading) {
      reading = true;
      void options
        .readStats()
        .then((stats) => {
          if (!stats) return;
          latest = stats;
          point.queue = queueOf(stats);
        })
        .catch(() => undefined)
        .finally(() => {
          reading = false;
        });
    }
    options.onTick(point, latest);
  };

  const timer = setInterval(() => sample(true), 1_000);
  return {
    /** Stops sampling and closes the last, partial interval. */
    stop(): TimelinePoint[] {
      clearInterval(timer);
      sample(false);
      return timeline;
    },
  };
}
