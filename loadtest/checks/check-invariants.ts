import type { EventStats, EventView } from '../../core/index.js';
import type { Sample } from '../client/load-client.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import type { Journal } from '../journal/visitor-journal.js';
import { describeAdmissionOrder, findAdmissionInversions } from './admission-order.js';
import type { Invariant } from './invariant.js';
import { checkCapacity, checkEvery201InLedger, checkPerUserLimit, checkSoldOutTruthful, checkStatsMatchLedger, type LedgerRead } from './ledger-checks.js';

export interface CheckInput {
  event: EventView;
  journal: Journal;
  /** Operator stats read after the run. */
  stats: EventStats | undefined;
  ledger: LedgerRead;
  endpoints: Record<string, EndpointSummary>;
  samples: Sample[];
  /** Checks only the scenario can state. */
  extra: Invariant[];
}

/** The same Idempotency-Key never books twice: a replay answers 200 with the first booking. */
function checkReplays(journal: Journal): Invariant | undefined {
  if (journal.replays.length === 0) return undefined;
  const wrong = journal.replays.filter((replay) => replay.status !== 200 || replay.bookingId !== replay.firstBookingId);
  const first = wrong[0];
  return {
    name: 'a replayed Idempotency-Key returns the same booking',
    ok: wrong.length === 0,
    detail:
      first === undefined
        ? `${journal.replays.length} replays, all 200 with the original booking`
        : `${wrong.length} of ${journal.replays.length} replays wrong; e.g. key ${first.idempotencyKey}: HTTP ${first.status}, booking ${first.bookingId ?? 'none'} instead of ${first.firstBookingId}`,
  };
}

/** Server errors and answers the protocol does not foresee: counted per endpoint and code, with a sample. */
function checkUnexpected(endpoints: Record<string, EndpointSummary>, samples: Sample[]): Invariant {
  const parts: string[] = [];
  let total = 0;
  for (const [name, summary] of Object.entries(endpoints)) {
    if (summary.unexpected === 0) continue;
    total += summary.unexpected;
    parts.push(`${name} ×${summary.unexpected}`);
  }
  const sample = samples[0];
  const example = sample ? `; first at ${sample.atSeconds} s: ${sample.request} → ${sample.status || 'no answer'} ${sample.code ?? ''} ${sample.response.slice(0, 200)}` : '';
  return {
    name: 'no server errors or unexpected answers',
    ok: total === 0,
    detail: total === 0 ? 'every answer was 2xx or an error code the protocol foresees for that call' : `${total} unexpected: ${parts.join(', ')}${example}`,
  };
}

export function checkInvariants(input: CheckInput): Invariant[] {
  const { event, journal, stats, ledger } = input;
  const order = findAdmissionInversions(journal.visitors);
  const checks: (Invariant | undefined)[] = [
    checkCapacity(event, stats, ledger, journal),
    checkPerUserLimit(event, ledger, journal),
    checkEvery201InLedger(ledger, journal),
    { name: 'admission follows seq order', ok: order.largest === undefined, detail: describeAdmissionOrder(order) },
    checkReplays(journal),
    checkSoldOutTruthful(event, stats, journal),
    checkStatsMatchLedger(stats, ledger),
    checkUnexpected(input.endpoints, input.samples),
    ...input.extra,
    journal.crashes.length === 0
      ? undefined
      : { name: 'the load tester ran without internal errors', ok: false, detail: `${journal.crashes.length} visitors crashed; first: ${journal.crashes[0]?.split('\n').slice(0, 3).join(' ')}` },
  ];
  return checks.filter((check): check is Invariant => check !== undefined);
}
