import type { EventStats, EventView } from '../../core/index.js';
import type { RunOptions } from '../args.js';
import type { Invariant } from '../checks/invariant.js';
import type { Sample } from '../client/load-client.js';
import { outcomesOf, type JournalData } from '../journal/visitor-journal.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import type { Report, TimelinePoint } from './report.js';

export interface ReportInput {
  options: RunOptions;
  description: string;
  budgetSeconds: number;
  event: EventView;
  startedAt: Date;
  durationSeconds: number;
  endpoints: Record<string, EndpointSummary>;
  totals: { requests: number; errors: number; unexpected: number };
  journal: JournalData;
  stats: EventStats | undefined;
  invariants: Invariant[];
  samples: Sample[];
  notes: string[];
  timeline: TimelinePoint[];
  workers: number;
}

export function buildReport(input: ReportInput): Report {
  const { options, journal } = input;
  const errorsByCode: Record<string, number> = {};
  for (const summary of Object.values(input.endpoints)) {
    for (const [code, count] of Object.entries(summary.errorsByCode)) errorsByCode[code] = (errorsByCode[code] ?? 0) + count;
  }
  return {
    scenario: options.scenario,
    description: input.description,
    target: options.target,
    eventId: input.event.id,
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationSeconds: Math.round(input.durationSeconds * 10) / 10,
    config: {
      visitors: options.visitors,
      seats: options.seats,
      ratePerMinute: options.ratePerMinute,
      concurrency: options.concurrency,
      maxRequests: options.maxRequests,
      durationSeconds: options.durationSeconds,
      budgetSeconds: input.budgetSeconds,
      workers: input.workers,
      ...(options.scenario === 'flash-crowd' && { burstSeconds: options.burstSeconds }),
      ...(options.scenario === 'poll-storm' && { rps: options.rps }),
    },
    ok: input.invariants.every((check) => check.ok),
    totals: { ...input.totals, rps: Math.round((input.totals.requests / Math.max(input.durationSeconds, 0.001)) * 10) / 10 },
    endpoints: input.endpoints,
    errorsByCode: Object.fromEntries(Object.entries(errorsByCode).sort(([, a], [, b]) => b - a)),
    visitors: { total: journal.visitors.length, ...journal.counts, outcomes: outcomesOf(journal.visitors) },
    final: input.stats ?? null,
    invariants: input.invariants,
    samples: input.samples,
    notes: input.notes,
    timeline: input.timeline,
  };
}
