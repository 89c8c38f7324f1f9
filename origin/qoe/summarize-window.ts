import { addTo, emptyFigures, type QoeFigures } from './qoe-figures.js';
import { QOE_MINUTE_MS, TOP_ERROR_CODES, type QoeWindow } from './qoe-store.js';
import { startupPercentile } from './startup-histogram.js';

/** A minute of a target as a store reads it back. */
export interface MinuteFigures extends QoeFigures {
  minute: number;
  /** Distinct sessions that minute. */
  sessions: number;
}

/** Σ stall / (Σ played + Σ stall), to 4 decimals; null with nothing played or stalled. */
function rebufferRatio(figures: QoeFigures): number | null {
  const total = figures.playedMs + figures.rebufferMs;
  return total === 0 ? null : Math.round((figures.rebufferMs / total) * 10_000) / 10_000;
}

/** The summary of a window from its minutes (oldest first) and its distinct sessions across them. */
export function summarizeWindow(minutes: readonly MinuteFigures[], sessions: number): QoeWindow {
  const all = emptyFigures();
  for (const minute of minutes) {
    all.playedMs += minute.playedMs;
    all.rebufferMs += minute.rebufferMs;
    all.bitrateSwitches += minute.bitrateSwitches;
    all.errors += minute.errors;
    all.fatal += minute.fatal;
    for (const [bucket, count] of minute.startup) addTo(all.startup, bucket, count);
    for (const [code, count] of minute.codes) addTo(all.codes, code, count);
  }
  const top = [...all.codes]
    .sort(([codeA, countA], [codeB, countB]) => countB - countA || (codeA < codeB ? -1 : 1))
    .slice(0, TOP_ERROR_CODES)
    .map(([code, count]) => ({ code, count }));
  return {
    sessions,
    startupMs: {
      p50: startupPercentile(all.startup, 0.5),
      p90: startupPercentile(all.startup, 0.9),
      samples: [...all.startup.values()].reduce((sum, count) => sum + count, 0),
    },
    rebufferRatio: rebufferRatio(all),
    playedSeconds: all.playedMs / 1000,
    bitrateSwitches: all.bitrateSwitches,
    errors: { total: all.errors, fatal: all.fatal, top },
    minutes: minutes.map((minute) => ({
      at: new Date(minute.minute * QOE_MINUTE_MS).toISOString(),
      sessions: minute.sessions,
      startupP50: startupPercentile(minute.startup, 0.5),
      rebufferRatio: rebufferRatio(minute),
    })),
  };
}
