import type { Invariant } from '../checks/invariant.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import type { Report } from './report.js';

const n = (value: number) => value.toLocaleString('en-US');

/** The per-endpoint table (ms), one line per endpoint. */
export function formatEndpoints(endpoints: Record<string, EndpointSummary>): string[] {
  const rows = Object.entries(endpoints).map(([name, e]) =>
    [name.padEnd(18), n(e.requests).padStart(9), n(e.rps).padStart(9), ...[e.p50, e.p90, e.p99, e.max].map((v) => v.toFixed(1).padStart(9)), n(e.errors).padStart(8), n(e.unexpected).padStart(11)].join(' '),
  );
  const head = ['endpoint'.padEnd(18), 'requests'.padStart(9), 'req/s'.padStart(9), 'p50 ms'.padStart(9), 'p90 ms'.padStart(9), 'p99 ms'.padStart(9), 'max ms'.padStart(9), 'non-2xx'.padStart(8), 'unexpected'.padStart(11)].join(' ');
  return [`  ${head}`, ...rows.map((row) => `  ${row}`)];
}

export function formatInvariants(invariants: readonly Invariant[]): string[] {
  return ['invariants:', ...invariants.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`)];
}

/** The end-of-run summary for the terminal: endpoints, errors by code, invariants, where the files are. */
export function formatSummary(report: Report, files: { json: string; html: string }): string {
  const codes = Object.entries(report.errorsByCode).map(([code, count]) => `${code} ${n(count)}`).join(', ');
  const v = report.visitors;
  return [
    '',
    `${report.scenario} against ${report.target}: ${n(report.totals.requests)} requests in ${report.durationSeconds} s (${n(report.totals.rps)} req/s, ${report.config.workers} worker threads)`,
    `visitors ${n(v.total)}: joined ${n(v.joined)}, admitted ${n(v.admitted)}, booked ${n(v.booked)}${report.final ? `; ledger counters: ${n(report.final.booked)} booked, ${n(report.final.remaining)} left` : ''}`,
    '',
    ...formatEndpoints(report.endpoints),
    '',
    `non-2xx by code: ${codes || 'none'}`,
    ...report.notes.map((note) => `note: ${note}`),
    '',
    ...formatInvariants(report.invariants),
    '',
    `report: ${files.html}`,
    `        ${files.json}`,
    report.ok ? 'all invariants hold' : 'INVARIANT FAILED (exit 1)',
  ].join('\n');
}
