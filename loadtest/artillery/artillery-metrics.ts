import type { Answer, MetricsSink } from '../metrics/endpoint-metrics.js';

/** The part of an Artillery VU's event emitter a processor reports through. */
export interface ArtilleryEvents {
  emit(kind: 'counter' | 'histogram', name: string, value: number): unknown;
}

export const METRIC_PREFIX = 'banjjak';

/**
 * HdrHistogram's `recordValueWithExpectedInterval` for a sink without it (Artillery aggregates
 * its own sketches): the value, then the values the sends skipped while waiting would have seen.
 */
export function correctedValues(value: number, expectedInterval: number): number[] {
  const values = [value];
  if (expectedInterval <= 0) return values;
  for (let missing = value - expectedInterval; missing >= expectedInterval; missing -= expectedInterval) values.push(missing);
  return values;
}

/**
 * Every answer as Artillery metrics: `banjjak.<endpoint>.response_time` (ms, corrected as above),
 * and counters per endpoint: `requests`, `errors`, `unexpected` and `codes.<code>` for non-2xx answers.
 * Artillery sums them over workers and machines into its report.
 */
export function createArtilleryMetrics(events: ArtilleryEvents): MetricsSink {
  return {
    record(answer: Answer) {
      const name = `${METRIC_PREFIX}.${answer.endpoint}`;
      for (const value of correctedValues(answer.latencyMs, answer.expectedIntervalMs ?? 0)) events.emit('histogram', `${name}.response_time`, value);
      events.emit('counter', `${name}.requests`, 1);
      if (answer.kind === 'ok') return;
      events.emit('counter', `${name}.errors`, 1);
      events.emit('counter', `${name}.codes.${answer.code ?? `http_${answer.status}`}`, 1);
      if (answer.kind === 'unexpected') events.emit('counter', `${name}.unexpected`, 1);
    },
  };
}
