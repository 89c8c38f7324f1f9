import type { QoeBeacon } from '../../core/index.js';
import { startupBucketOf } from './startup-histogram.js';
import { targetOf, type QoeTarget } from './qoe-store.js';

/** Sums of beacons, as a minute of a target keeps them (and as one batch adds to it). */
export interface QoeFigures {
  playedMs: number;
  rebufferMs: number;
  bitrateSwitches: number;
  errors: number;
  fatal: number;
  /** Startup samples: bucket (startup-histogram.ts) → count. */
  startup: Map<number, number>;
  /** Error code → count. */
  codes: Map<string, number>;
}

/** One batch's part for one target. */
export interface QoeDelta extends QoeFigures {
  target: QoeTarget;
  sessions: Set<string>;
}

export const emptyFigures = (): QoeFigures => ({ playedMs: 0, rebufferMs: 0, bitrateSwitches: 0, errors: 0, fatal: 0, startup: new Map(), codes: new Map() });

export const addTo = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);

/** A batch summed per target, in the order the targets first appear. */
export function deltasOf(beacons: readonly QoeBeacon[]): QoeDelta[] {
  const byTarget = new Map<string, QoeDelta>();
  for (const beacon of beacons) {
    const target = targetOf(beacon);
    const key = `${target.kind}:${target.id}`;
    let delta = byTarget.get(key);
    if (!delta) byTarget.set(key, (delta = { ...emptyFigures(), target, sessions: new Set() }));
    delta.sessions.add(beacon.sessionId);
    delta.playedMs += beacon.playedMs;
    delta.rebufferMs += beacon.rebufferMs;
    delta.bitrateSwitches += beacon.bitrateSwitches;
    if (beacon.startupMs !== undefined) addTo(delta.startup, startupBucketOf(beacon.startupMs), 1);
    for (const error of beacon.errors ?? []) {
      delta.errors += 1;
      if (error.fatal) delta.fatal += 1;
      addTo(delta.codes, error.code, 1);
    }
  }
  return [...byTarget.values()];
}
