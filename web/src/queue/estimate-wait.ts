/** One answer about our place: when we heard it (ms since epoch) and how many were ahead. */
export interface PositionSample {
  at: number;
  position: number;
}

/** A wait given as a range, the way people trust it: "about 3–5 minutes". */
export interface WaitRange {
  lowSeconds: number;
  highSeconds: number;
  /** `measured` from our own positions over time; `server` from its etaSeconds when we have too few. */
  source: 'measured' | 'server';
}

/** Only the recent drain rate says anything about the next minutes. */
export const SAMPLE_WINDOW_MS = 5 * 60_000;
export const MAX_SAMPLES = 16;
/** Spans shorter than this are mostly rounding (positions move in whole people). */
export const MIN_SPAN_MS = 10_000;
/** However steady the line has been, the range is at least this wide around its middle. */
const MIN_SPREAD = 0.15;
/** The server's single figure becomes a range this wide (it knows the rate, not the no-shows). */
const SERVER_SPREAD = 0.25;

/**
 * The samples with `next` added: older than the window or beyond the cap are dropped, and a
 * position higher than the last one starts a new series (a new place, or a stale answer that
 * says nothing about the drain rate).
 */
export function addSample(samples: readonly PositionSample[], next: PositionSample): PositionSample[] {
  const last = samples.at(-1);
  if (last && (next.position > last.position || next.at < last.at)) return [next];
  return [...samples, next].filter((sample) => next.at - sample.at <= SAMPLE_WINDOW_MS).slice(-MAX_SAMPLES);
}

/**
 * How long until our turn. The drain rate is measured from every sample at least MIN_SPAN_MS
 * before the latest one to the latest (people per second over that span); the fastest and the
 * slowest of these rates give the short and the long end of the range, so a line that sped up
 * or slowed down shows a wider range instead of a confident number that turns out wrong. With
 * no usable span yet (just joined, or the line has not moved) the server's etaSeconds, widened
 * into a range, stands in. `undefined` when nobody can tell.
 */
export function estimateWait(
  samples: readonly PositionSample[],
  position: number | null,
  serverEtaSeconds: number | null | undefined,
): WaitRange | undefined {
  if (position === null) return undefined;
  if (position <= 0) return { lowSeconds: 0, highSeconds: 0, source: 'measured' };
  const latest = samples.at(-1);
  const rates: number[] = [];
  if (latest) {
    for (const sample of samples) {
      const span = latest.at - sample.at;
      const drained = sample.position - latest.position;
      if (span >= MIN_SPAN_MS && drained > 0) rates.push(drained / (span / 1000));
    }
  }
  if (rates.length > 0) {
    return widen(position / Math.max(...rates), position / Math.min(...rates), MIN_SPREAD, 'measured');
  }
  if (serverEtaSeconds === null || serverEtaSeconds === undefined || !Number.isFinite(serverEtaSeconds)) return undefined;
  return widen(serverEtaSeconds, serverEtaSeconds, SERVER_SPREAD, 'server');
}

function widen(low: number, high: number, spread: number, source: WaitRange['source']): WaitRange {
  const middle = (low + high) / 2;
  return {
    lowSeconds: Math.round(Math.min(low, middle * (1 - spread))),
    highSeconds: Math.round(Math.max(high, middle * (1 + spread))),
    source,
  };
}
