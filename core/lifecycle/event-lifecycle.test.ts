import { describe, expect, it } from 'vitest';
import { eventStatuses, type EventStatus } from '../api/event.js';
import type { QueueState } from '../api/queue.js';
import { canTransition, eventStatus, eventTransitions, firmPlacesLeft, sellsPlaces, type LifecycleFacts } from './event-lifecycle.js';
import { visitorStatus } from './visitor-status.js';

const startsAt = Date.parse('2026-12-05T01:00:00Z');
const endsAt = startsAt + 8 * 3_600_000;
const base: LifecycleFacts = {
  schedule: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), prequeueMinutes: 10 },
  paused: false,
  closed: false,
  drawn: true,
  prequeued: 0,
  remaining: 50,
};
const at = (offsetMs: number, facts: Partial<LifecycleFacts> = {}) => eventStatus({ ...base, ...facts }, startsAt + offsetMs);

describe('eventStatus', () => {
  it.each<[string, number, Partial<LifecycleFacts>, EventStatus]>([
    ['before the pre-queue window', -11 * 60_000, {}, 'scheduled'],
    ['in the pre-queue window', -5 * 60_000, { drawn: false, prequeued: 3 }, 'prequeue'],
    ['at the start, registrants not drawn yet', 0, { drawn: false, prequeued: 3 }, 'drawing'],
    ['at the start with nobody registered', 0, { drawn: false, prequeued: 0 }, 'open'],
    ['after the draw', 1_000, {}, 'open'],
    ['paused by the operator', 1_000, { paused: true }, 'paused'],
    ['every place taken', 1_000, { remaining: 0 }, 'soldout'],
    ['sold out while paused', 1_000, { remaining: 0, paused: true }, 'soldout'],
    ['closed by the operator', 1_000, { closed: true }, 'closed'],
    ['closed by the operator before the start', -20 * 60_000, { closed: true }, 'closed'],
    ['past endsAt', 8 * 3_600_000, {}, 'closed'],
    ['past endsAt while drawing', 8 * 3_600_000, { drawn: false, prequeued: 3 }, 'closed'],
  ])('%s → %s', (_name, offset, facts, expected) => {
    expect(at(offset, facts)).toBe(expected);
  });

  it('with no pre-queue window goes from scheduled straight to open', () => {
    const facts = { schedule: { ...base.schedule, prequeueMinutes: 0 } };
    expect(at(-1, facts)).toBe('scheduled');
    expect(at(0, facts)).toBe('open');
  });
});

describe('eventTransitions', () => {
  // Every status an event passes through over its life, sampled every minute of a full day with
  // each combination of knobs flipped along the way, must be an allowed step from the one before.
  it('allows every change the facts can produce over an event life, and no way out of closed', () => {
    const seen = new Set<string>();
    for (const knobs of [0, 1, 2, 3, 4, 5, 6, 7]) {
      let previous: EventStatus | undefined;
      for (let minute = -30; minute <= 9 * 60; minute += 1) {
        const facts: Partial<LifecycleFacts> = {
          drawn: minute >= 2,
          prequeued: 5,
          paused: (knobs & 1) === 1 && minute % 40 < 20,
          remaining: (knobs & 2) === 2 && minute % 90 > 60 ? 0 : 10,
          closed: (knobs & 4) === 4 && minute > 300,
        };
        const status = at(minute * 60_000, facts);
        if (previous) {
          expect(canTransition(previous, status), `${previous} → ${status}`).toBe(true);
          if (previous !== status) seen.add(`${previous}>${status}`);
        }
        previous = status;
      }
      expect(previous).toBe('closed');
    }
    for (const expected of ['scheduled>prequeue', 'prequeue>drawing', 'drawing>open', 'open>paused', 'paused>open', 'open>soldout', 'soldout>open', 'open>closed']) {
      expect(seen, expected).toContain(expected);
    }
    expect(eventTransitions.closed).toEqual([]);
    for (const status of eventStatuses) expect(canTransition('closed', status)).toBe(status === 'closed');
    expect(canTransition('open', 'drawing')).toBe(false);
    expect(canTransition('open', 'prequeue')).toBe(false);
  });

  it('sells only once the line has formed', () => {
    expect(eventStatuses.filter(sellsPlaces)).toEqual(['open', 'paused', 'soldout']);
  });
});

describe('visitor statuses derived from the event status', () => {
  const state = (status: EventStatus): QueueState => ({
    eventId: 'e1',
    status,
    servingSeq: 100,
    tailSeq: 500,
    admitRatePerMinute: 600,
    refreshAfterMs: 1_000,
    startsAt: new Date(startsAt).toISOString(),
    updatedAt: new Date(startsAt).toISOString(),
  });
  it.each<[EventStatus, number | null, string, boolean]>([
    ['scheduled', null, 'prequeue', false],
    ['prequeue', null, 'prequeue', false],
    ['drawing', null, 'drawing', false],
    ['open', null, 'prequeue', false],
    ['open', 150, 'waiting', false],
    ['open', 90, 'ready', false],
    ['paused', 150, 'paused', false],
    ['paused', 90, 'paused', false],
    ['soldout', 150, 'soldout', true],
    ['closed', 150, 'closed', true],
    ['closed', null, 'closed', true],
  ])('event %s, seq %s → %s', (eventState, seq, expected, terminal) => {
    const answer = visitorStatus(seq, state(eventState), startsAt - 60_000);
    expect(answer.status).toBe(expected);
    // Terminal answers slow polling right down; transient ones keep it quick.
    expect(answer.refreshAfterMs >= 30_000).toBe(terminal);
  });

  it('answers the draw as transient: poll again within a second, no rejoin yet', () => {
    const answer = visitorStatus(null, state('drawing'), startsAt);
    expect(answer).toEqual({ status: 'drawing', seq: null, position: null, etaSeconds: null, refreshAfterMs: 1_000 });
  });
});

describe('firmPlacesLeft', () => {
  it.each([
    [{ capacity: 10, booked: 3, provisional: 0 }, 7],
    [{ capacity: 10, booked: 10, provisional: 0 }, 0],
    // Two of the ten booked are still provisional: they may fall through, so not sold out yet.
    [{ capacity: 10, booked: 10, provisional: 2 }, 2],
    [{ capacity: 10, booked: 12, provisional: 0 }, 0],
  ])('%o leaves %i places not firmly taken', (places, left) => {
    expect(firmPlacesLeft(places)).toBe(left);
    expect(eventStatus({ ...base, remaining: firmPlacesLeft(places) }, startsAt + 1) === 'soldout').toBe(left === 0);
  });
});
