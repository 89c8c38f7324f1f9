/** Time-driven phase of an event; admin flags (paused, closed, soldout) are layered on top. */
export type EventPhase = 'scheduled' | 'prequeue' | 'open' | 'ended';

export interface EventSchedule {
  startsAt: string;
  endsAt?: string;
  prequeueMinutes: number;
}

export function prequeueStartsAt(schedule: EventSchedule): number {
  return Date.parse(schedule.startsAt) - schedule.prequeueMinutes * 60_000;
}

export function eventPhase(schedule: EventSchedule, now: number): EventPhase {
  if (schedule.endsAt && now >= Date.parse(schedule.endsAt)) return 'ended';
  if (now >= Date.parse(schedule.startsAt)) return 'open';
  if (now >= prequeueStartsAt(schedule)) return 'prequeue';
  return 'scheduled';
}
