import type { EventRecord } from '../../events/event-record.js';

const DAY = 24 * 3_600_000;

/** A drop that ended a day before `now` and was closed, with one item of `capacity` places. */
export function pastEvent(id: string, now: number, capacity = 10): EventRecord {
  const at = (ms: number) => new Date(now + ms).toISOString();
  return {
    id,
    title: `Past drop ${id}`,
    kind: 'deal',
    startsAt: at(-2 * DAY),
    endsAt: at(-DAY),
    prequeueMinutes: 0,
    guestsAllowed: true,
    admission: { newUsersPerMinute: 600, maxActiveUsers: 100, sessionSeconds: 600 },
    queueAll: false,
    paused: false,
    closed: true,
    seed: 'seed',
    seedSha256: 'sha',
    createdAt: at(-3 * DAY),
    version: 2,
    items: [{ id: 'set', label: 'Set', capacity, perUserLimit: 2 }],
  };
}
