import type { EventStats, EventView } from '../../core/index.js';
import type { Sample } from '../client/load-client.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import { describeAdmissionOrder, findAdmissionInversions } from './admission-order.js';
import type { ClientView } from './client-view.js';
import type { Invariant } from './invariant.js';
import { checkCapacity, checkEvery201InLedger, checkPerUserLimit, checkSoldOutTruthful, checkStatsMatchLedger, type LedgerRead } from './ledger-checks.js';

export interface CheckInput {
  event: EventView;
  client: ClientView;
  /** Operator stats read after the run. */
  stats: EventStats | undefined;
  ledger: LedgerRead;
  endpoints: Record<string, EndpointSummary>;
  samples: Sample[];
  /** Checks only the scenario can state. */
  extra: Invariant[];
}

/** The same Idempotency-Key never books twice: a replay answers 200 with the first booking. */
function checkReplays({ replays }: ClientView): Invariant | undefined {
  if (replays.total === 0) return undefined;
  return {
    name: 'a replayed Idempotency-Key returns the same booking',
    ok: replays.wrong === 0,
    detail: replays.wrong === 0 ? `${replays.total} replays, all 200 with the original booking` : `${replays.wrong} of ${replays.total} replays wrong${replays.example ? `; e.g. ${replays.example}` : ''}`,
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
  const { event, client, stats, ledger } = input;
  const order = client.visitors && findAdmissionInversions(client.visitors);
  const checks: (Invariant | undefined)[] = [
    checkCapacity(event, stats, ledger, client),
    checkPerUserLimit(event, ledger, client),
    checkEvery201InLedger(ledger, client),
    order && { name: 'admission follows seq order', ok: order.largest === undefined, detail: describeAdmissionOrder(order) },
    checkReplays(client),
    checkSoldOutTruthful(event, stats, client),
    checkStatsMatchLedger(stats, ledger),
    checkUnexpected(input.endpoints, input.samples),
    ...input.extra,
    client.crashes.count === 0
      ? undefined
      : { name: 'the load tester ran without internal errors', ok: false, detail: `${client.crashes.count} visitors crashed${client.crashes.first ? `; first: ${client.crashes.first.split('\n').slice(0, 3).join(' ')}` : ''}` },
  ];
  return checks.filter((check): check is Invariant => check !== undefined);
}
