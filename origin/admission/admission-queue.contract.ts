import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../core/index.js';
import type { AdmissionQueue, QueueSettings } from './admission-queue.js';
import { describeAdmissionOrderContract } from './admission-queue.order.contract.js';
import { describePeekContract } from './admission-queue.peek.contract.js';

export interface AdmissionQueueSubject {
  queue: AdmissionQueue;
  /** Loses everything the store holds (FLUSHALL, a restarted process); returns the queue to use next. */
  wipe(): Promise<AdmissionQueue>;
}

const T0 = Date.parse('2026-12-05T01:00:00Z');
const base: QueueSettings = { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 60, queueAll: false, startsAt: T0 };
let counter = 0;

/**
 * The behaviour every AdmissionQueue adapter must have (DESIGN.md §3), run by each adapter's test
 * file against a fresh subject and a fresh event id per test. Time moves only through `now`.
 */
export function describeAdmissionQueueContract(name: string, makeSubject: () => Promise<AdmissionQueueSubject>): void {
  describe(`AdmissionQueue contract: ${name}`, () => {
    let subject: AdmissionQueueSubject;
    let queue: AdmissionQueue;
    let clock: FakeClock;
    let event: string;

    beforeEach(async () => {
      subject = await makeSubject();
      queue = subject.queue;
      clock = createFakeClock(T0);
      counter += 1;
      event = `evt-${process.pid}-${Date.now().toString(36)}-${counter}`;
    });

    const open = (settings: Partial<QueueSettings> = {}) => queue.configure(event, { ...base, ...settings });
    const join = (user: string) => queue.join(event, user, clock.now());
    const seqOf = async (user: string) => {
      const result = await join(user);
      if (result.kind !== 'placed') throw new Error(`${user}: ${result.kind}`);
      return result.seq;
    };

    describePeekContract(() => ({ queue, clock, event, open, seqOf }));
    describeAdmissionOrderContract(() => ({ queue, clock, event, open, seqOf }));

    const joinMany = async (count: number, from = 1) => {
      for (let i = from; i < from + count; i += 1) await seqOf(`u${i}`);
    };
    const serving = async () => (await queue.advance(event, clock.now())).servingSeq;
    const admit = (user: string, seq: number) => queue.admit(event, user, seq, clock.now());

    it('gives places in join order, and a rejoin the same place', async () => {
      await open();
      expect(await join('ana')).toMatchObject({ kind: 'placed', seq: 1, created: true });
      expect(await join('bo')).toMatchObject({ kind: 'placed', seq: 2, created: true });
      expect(await join('ana')).toMatchObject({ kind: 'placed', seq: 1, created: false, tailSeq: 2 });
      expect(await join('1234')).toMatchObject({ kind: 'placed', seq: 3, created: true, tailSeq: 3 });
      const snapshot = await queue.advance(event, clock.now());
      expect(snapshot).toMatchObject({ exists: true, tailSeq: 3, reservedSeq: null, drawn: true, settings: base });
    });

    it('reports an unknown event as missing, to a read and to a join alike', async () => {
      expect((await queue.advance(event, clock.now())).exists).toBe(false);
      expect(await join('ana')).toEqual({ kind: 'missing' });
    });

    it('answers a join with the line as a read would see it right after', async () => {
      await open();
      await joinMany(30);
      clock.advance(1_500);
      for (const user of ['u7', 'new-1', 'u30', 'new-2']) {
        const result = await join(user);
        const seen = await queue.peek(event, clock.now());
        expect(result).toMatchObject({ kind: 'placed', servingSeq: seen.servingSeq, tailSeq: seen.tailSeq, soldout: false });
        clock.advance(250);
      }
      await expect(seqOf('u7')).resolves.toBe(7);
    });

    it('opens places at the rate, banking one second, keeping remainders', async () => {
      await open();
      await joinMany(100);
      expect(await serving()).toBe(10); // one banked second of 600/min
      clock.advance(1_050);
      expect(await serving()).toBe(20); // 10 more; the 50 ms remainder is kept…
      clock.advance(50);
      expect(await serving()).toBe(21); // …so 50 ms later the next place opens
      clock.set(T0 + 2_500);
      expect(await serving()).toBe(35);
    });

    it('keeps fractional intervals exact over a long run (7 per minute)', async () => {
      await open({ newUsersPerMinute: 7, queueAll: true });
      await joinMany(80);
      const interval = 60_000 / 7;
      for (let k = 1; k <= 70; k += 1) {
        clock.set(T0 + Math.ceil(k * interval) + 1);
        expect(await serving()).toBe(k);
      }
      // A lastAdvanceAt rounded on each store (say to 0.1 ms) would drift ~2 ms early by now.
      clock.set(T0 + Math.floor(71 * interval));
      expect(await serving()).toBe(70);
      clock.advance(1);
      expect(await serving()).toBe(71);
    });

    it('never advances past tailSeq, and lets a visitor of a quiet event straight in', async () => {
      await open();
      await joinMany(3);
      clock.advance(60_000);
      expect(await serving()).toBe(3);
      expect(await seqOf('late')).toBe(4);
      expect(await serving()).toBe(4);
    });

    it('with queueAll banks nothing: every visitor waits for the rate', async () => {
      await open({ queueAll: true });
      clock.advance(10_000);
      await joinMany(5);
      expect(await serving()).toBe(0);
      clock.advance(100);
      expect(await serving()).toBe(1);
      clock.advance(250);
      expect(await serving()).toBe(3);
    });

    it('caps advance and admission at maxActiveUsers', async () => {
      await open({ maxActiveUsers: 2 });
      await joinMany(3);
      expect(await serving()).toBe(3); // the banked second; no session in use yet
      expect(await admit('u1', 1)).toMatchObject({ kind: 'admitted', renewed: false });
      expect(await admit('u2', 2)).toMatchObject({ kind: 'admitted', renewed: false });
      expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
      expect(await admit('u1', 1)).toMatchObject({ kind: 'admitted', renewed: true });
      await joinMany(2, 4);
      clock.advance(1_000);
      expect(await queue.advance(event, clock.now())).toMatchObject({ servingSeq: 3, tailSeq: 5, active: 2, admitted: 2 });
    });

    it('frees a slot when a session expires after sessionSeconds', async () => {
      await open({ maxActiveUsers: 1, sessionSeconds: 30 });
      await joinMany(2);
      expect(await admit('u1', 1)).toEqual({ kind: 'admitted', expiresAt: T0 + 30_000, renewed: false });
      expect(await admit('u2', 2)).toEqual({ kind: 'at_capacity' });
      clock.set(T0 + 29_999);
      expect(await admit('u2', 2)).toEqual({ kind: 'at_capacity' });
      clock.set(T0 + 30_000);
      expect(await admit('u2', 2)).toEqual({ kind: 'admitted', expiresAt: T0 + 60_000, renewed: false });
      expect((await queue.advance(event, clock.now())).active).toBe(1);
    });

    it('frees a slot when a session completes', async () => {
      await open({ maxActiveUsers: 1 });
      await joinMany(1);
      await admit('u1', 1);
      await joinMany(1, 2);
      clock.advance(1_000);
      expect(await serving()).toBe(1); // the only slot is in use
      await queue.complete(event, 'u1');
      expect(await serving()).toBe(2);
      expect(await admit('u2', 2)).toMatchObject({ kind: 'admitted' });
      expect((await queue.advance(event, clock.now())).admitted).toBe(2);
    });

    it('answers not_ready before the turn', async () => {
      await open({ queueAll: true });
      await joinMany(3);
      clock.advance(150);
      expect(await admit('u3', 3)).toEqual({ kind: 'not_ready', servingSeq: 1 });
      expect(await admit('u1', 1)).toMatchObject({ kind: 'admitted' });
    });

    it('stops while paused and resumes without a burst', async () => {
      await open();
      await joinMany(50);
      await queue.setFlags(event, { paused: true }, clock.now());
      clock.advance(5_000);
      expect(await serving()).toBe(10);
      expect((await queue.advance(event, clock.now())).paused).toBe(true);
      await queue.setFlags(event, { paused: false }, clock.now());
      expect(await serving()).toBe(10);
      clock.advance(1_000);
      expect(await serving()).toBe(20);
    });

    it('turns joins and admits away once closed', async () => {
      await open();
      await joinMany(1);
      await queue.setFlags(event, { closed: true }, clock.now());
      expect(await join('late')).toEqual({ kind: 'closed' });
      expect(await admit('u1', 1)).toEqual({ kind: 'closed' });
      expect((await queue.advance(event, clock.now())).closed).toBe(true);
    });

    it('tells joiners and admits at once when sold out', async () => {
      await open();
      await joinMany(1);
      await queue.setFlags(event, { soldout: true }, clock.now());
      expect(await join('late')).toEqual({ kind: 'soldout' });
      expect(await admit('u1', 1)).toEqual({ kind: 'soldout' });
      expect(await join('u1')).toMatchObject({ kind: 'placed', seq: 1, created: false, soldout: true });
    });

    it('never resets places when reconfigured', async () => {
      await open();
      await joinMany(3);
      await open({ newUsersPerMinute: 60 });
      const snapshot = await queue.advance(event, clock.now());
      expect(snapshot).toMatchObject({ tailSeq: 3, settings: { ...base, newUsersPerMinute: 60 } });
    });

    describePrequeue(() => ({ queue, clock, event }));
    describeRecovery(() => ({ subject, queue, clock, event }));
  });
}

type Context = { queue: AdmissionQueue; clock: FakeClock; event: string };

function describePrequeue(context: () => Context): void {
  it('registers pre-queue joiners without a place, then draws them 1..N exactly once', async () => {
    const { queue, clock, event } = context();
    await queue.configure(event, { ...base, startsAt: T0 + 60_000 });
    for (const user of ['c', 'a', 'b', 'd']) expect(await queue.join(event, user, clock.now())).toEqual({ kind: 'prequeued', created: true, servingSeq: 0, tailSeq: 0, soldout: false });
    expect(await queue.join(event, 'a', clock.now())).toMatchObject({ kind: 'prequeued', created: false });
    expect(await queue.prequeueMembers(event)).toEqual(['c', 'a', 'b', 'd']);
    expect(await queue.advance(event, clock.now())).toMatchObject({ prequeued: 4, drawn: false, tailSeq: 0, servingSeq: 0 });

    clock.set(T0 + 60_000);
    expect(await queue.join(event, 'e', clock.now())).toEqual({ kind: 'draw_pending' });
    expect(await queue.join(event, 'a', clock.now())).toEqual({ kind: 'draw_pending' });
    expect(await queue.draw(event, ['b', 'a', 'c'])).toBe(true); // 'd' is left out, as a late registrant would be
    expect(await queue.draw(event, ['d', 'c', 'b', 'a'])).toBe(false);
    expect(await queue.advance(event, clock.now())).toMatchObject({ prequeued: 0, drawn: true, tailSeq: 3 });
    expect(await queue.prequeueMembers(event)).toEqual([]);
    for (const [user, seq] of [['b', 1], ['a', 2], ['c', 3], ['e', 4], ['d', 5]] as const) {
      expect(await queue.join(event, user, clock.now())).toMatchObject({ kind: 'placed', seq });
    }
  });

  it('needs no draw when nobody pre-registered', async () => {
    const { queue, clock, event } = context();
    await queue.configure(event, { ...base, startsAt: T0 });
    expect(await queue.join(event, 'a', clock.now())).toMatchObject({ kind: 'placed', seq: 1, created: true });
    expect(await queue.draw(event, ['x'])).toBe(false);
  });
}

function describeRecovery(context: () => Context & { subject: AdmissionQueueSubject }): void {
  it('resumes after a wipe from a checkpoint, past the old tail, never reusing a seq', async () => {
    const { subject, queue, clock, event } = context();
    await queue.configure(event, base);
    for (const user of ['a', 'b', 'c']) await queue.join(event, user, clock.now());
    const before = await queue.advance(event, clock.now());
    const restored = await subject.wipe();
    expect((await restored.advance(event, clock.now())).exists).toBe(false);

    await restored.configure(event, base);
    await restored.restore(event, { tailSeq: before.tailSeq, servingSeq: 2, admitted: 1, drawn: true }, clock.now());
    // The rate restarts at the restore: no burst for the time the store was gone.
    expect(await restored.advance(event, clock.now())).toMatchObject({ tailSeq: 3, servingSeq: 2, admitted: 1, reservedSeq: 3, drawn: true });
    expect(await restored.join(event, 'd', clock.now())).toEqual({ kind: 'reserve_needed', tailSeq: 3 });
    await restored.reserve(event, 5);
    await restored.reserve(event, 4); // never lowers
    expect(await restored.join(event, 'd', clock.now())).toMatchObject({ kind: 'placed', seq: 4 });
    expect(await restored.join(event, 'a', clock.now())).toMatchObject({ kind: 'placed', seq: 5 });
    expect(await restored.join(event, 'e', clock.now())).toEqual({ kind: 'reserve_needed', tailSeq: 5 });
    clock.advance(1_000);
    expect(await restored.admit(event, 'c', 3, clock.now())).toMatchObject({ kind: 'admitted' });
  });

  it('keeps restored counters moving forward only, and draws only within the reservation', async () => {
    const { queue, clock, event } = context();
    await queue.configure(event, { ...base, startsAt: T0 + 1_000 });
    await queue.restore(event, { tailSeq: 10, servingSeq: 4, admitted: 2, drawn: false }, clock.now());
    await queue.restore(event, { tailSeq: 8, servingSeq: 3, admitted: 1, drawn: false }, clock.now());
    expect(await queue.advance(event, clock.now())).toMatchObject({ tailSeq: 10, servingSeq: 4, admitted: 2, reservedSeq: 10, drawn: false });
    for (const user of ['a', 'b']) await queue.join(event, user, clock.now());
    clock.set(T0 + 1_000);
    await expect(queue.draw(event, ['b', 'a'])).rejects.toThrow(/reservation/);
    await queue.reserve(event, 12);
    expect(await queue.draw(event, ['b', 'a'])).toBe(true);
    expect(await queue.join(event, 'a', clock.now())).toMatchObject({ kind: 'placed', seq: 12 });
  });
}
