import { addTo, deltasOf, emptyFigures, type QoeFigures } from './qoe-figures.js';
import { MAX_ERROR_CODES, minuteOf, minutesAt, OTHER_ERROR_CODE, QOE_MINUTES, targetKey, type QoeStore } from './qoe-store.js';
import { summarizeWindow } from './summarize-window.js';

export interface MemoryQoeStoreOptions {
  /** Most sessions kept per target per minute: the memory stays bounded, the count saturates there. */
  maxSessionsPerMinute?: number;
}

interface Minute extends QoeFigures {
  sessions: Set<string>;
}

/**
 * The local stack's QoE store, in one process: a minute's sums per target, an exact (capped) set
 * of session ids, and the same fixed startup buckets as Redis. Minutes past the window are dropped
 * whenever a new minute starts. Single-threaded, so every batch is atomic.
 */
export function createMemoryQoeStore(options: MemoryQoeStoreOptions = {}): QoeStore {
  const cap = options.maxSessionsPerMinute ?? 100_000;
  const targets = new Map<string, Map<number, Minute>>();
  let swept = -Infinity;
  const sweep = (now: number) => {
    if (minuteOf(now) === swept) return;
    swept = minuteOf(now);
    const oldest = minuteOf(now) - QOE_MINUTES;
    for (const [key, minutes] of targets) {
      for (const minute of minutes.keys()) if (minute <= oldest) minutes.delete(minute);
      if (minutes.size === 0) targets.delete(key);
    }
  };
  return {
    async record(beacons, now) {
      sweep(now);
      for (const delta of deltasOf(beacons)) {
        const key = targetKey(delta.target);
        let minutes = targets.get(key);
        if (!minutes) targets.set(key, (minutes = new Map<number, Minute>()));
        let minute = minutes.get(minuteOf(now));
        if (!minute) minutes.set(minuteOf(now), (minute = { ...emptyFigures(), sessions: new Set() }));
        minute.playedMs += delta.playedMs;
        minute.rebufferMs += delta.rebufferMs;
        minute.bitrateSwitches += delta.bitrateSwitches;
        minute.errors += delta.errors;
        minute.fatal += delta.fatal;
        for (const [bucket, count] of delta.startup) addTo(minute.startup, bucket, count);
        for (const [code, count] of delta.codes) {
          const kept = minute.codes.has(code) || minute.codes.size < MAX_ERROR_CODES ? code : OTHER_ERROR_CODE;
          addTo(minute.codes, kept, count);
        }
        for (const session of delta.sessions) if (minute.sessions.size < cap) minute.sessions.add(session);
      }
    },
    async summary(target, now) {
      const minutes = targets.get(targetKey(target));
      const all = new Set<string>();
      const figures = minutesAt(now).map((at) => {
        const minute = minutes?.get(at);
        for (const session of minute?.sessions ?? []) all.add(session);
        return { ...(minute ?? emptyFigures()), minute: at, sessions: minute?.sessions.size ?? 0 };
      });
      return summarizeWindow(figures, all.size);
    },
  };
}
