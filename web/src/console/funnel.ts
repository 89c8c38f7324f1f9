import type { EventStats } from '../../../core/index.js';

export type FunnelStep = 'viewers' | 'joined' | 'admitted' | 'booked';

export interface FunnelBar {
  step: FunnelStep;
  value: number;
  /** Of the widest bar, 0..1. */
  share: number;
}

/**
 * The drop's funnel from what the API has: viewers of its channel now (absent when the drop has no
 * channel), everyone who joined (places handed out plus pre-queue registrants not drawn yet),
 * admitted visitors, and booked units (the ledger counts quantities, not buyers).
 */
export function funnelBars(stats: EventStats, viewers: number | undefined): FunnelBar[] {
  const steps: [FunnelStep, number][] = [
    ...(viewers === undefined ? [] : [['viewers', viewers] as [FunnelStep, number]]),
    ['joined', stats.tailSeq + stats.prequeued],
    ['admitted', stats.admitted],
    ['booked', stats.booked],
  ];
  const widest = Math.max(1, ...steps.map(([, value]) => value));
  return steps.map(([step, value]) => ({ step, value, share: value / widest }));
}
