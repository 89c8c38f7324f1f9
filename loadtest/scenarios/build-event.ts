import type { CreateEventInput } from '../../core/index.js';

export interface EventShape {
  title: string;
  seats: number;
  ratePerMinute: number;
  queueAll: boolean;
  maxActiveUsers: number;
  /** Largest item; seats are split into items of this size (the last one takes the rest). */
  itemSize: number;
  /** How long the event stays open, so a slow run never sees it end. */
  openSeconds: number;
  nowMs: number;
}

/** A test event that is open now: it starts a minute ago so small clock skews do not matter. */
export function buildEvent(shape: EventShape): Omit<CreateEventInput, 'id'> {
  const items: CreateEventInput['items'] = [];
  // An event holds at most 200 items (createEventSchema): big runs get bigger items.
  const size = Math.max(shape.itemSize, Math.ceil(shape.seats / 200));
  for (let first = 0; first < shape.seats; first += size) {
    const n = items.length + 1;
    items.push({ id: `slot-${n}`, label: `Load-test slot ${n}`, capacity: Math.min(size, shape.seats - first), perUserLimit: 1 });
  }
  return {
    title: shape.title,
    kind: 'booking',
    startsAt: new Date(shape.nowMs - 60_000).toISOString(),
    endsAt: new Date(shape.nowMs + (shape.openSeconds + 3600) * 1000).toISOString(),
    prequeueMinutes: 0,
    guestsAllowed: true,
    queueAll: shape.queueAll,
    admission: { newUsersPerMinute: shape.ratePerMinute, maxActiveUsers: shape.maxActiveUsers, sessionSeconds: 600 },
    items,
  };
}
