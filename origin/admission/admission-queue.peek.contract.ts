import { expect, it } from 'vitest';
import type { FakeClock } from '../../core/index.js';
import type { AdmissionQueue, QueueSettings } from './admission-queue.js';

export interface PeekContext {
  queue: AdmissionQueue;
  clock: FakeClock;
  event: string;
  open: (settings?: Partial<QueueSettings>) => Promise<void>;
  seqOf: (user: string) => Promise<number>;
}

/**
 * `peek` (part of the AdmissionQueue contract): what `advance` would answer at `now`, writing
 * nothing. Run inside `describeAdmissionQueueContract`, which supplies a fresh context per test.
 */
export function describePeekContract(context: () => PeekContext): void {
  // 600 per minute: one place per 100 ms; queueAll banks nothing, so serving is exact.
  const line = async (users: number, settings: Partial<QueueSettings> = {}) => {
    const { open, seqOf } = context();
    await open({ queueAll: true, sessionSeconds: 30, ...settings });
    for (let i = 1; i <= users; i += 1) await seqOf(`u${i}`);
  };

  it('peek of an unknown event answers exists: false and creates nothing', async () => {
    const { queue, clock, event } = context();
    expect(await queue.peek(event, clock.now())).toMatchObject({ exists: false, servingSeq: 0, settings: null });
    expect((await queue.advance(event, clock.now())).exists).toBe(false);
  });

  it('peek equals the servingSeq (and the rest) of an advance that follows at the same now', async () => {
    const { queue, clock, event } = context();
    await line(20);
    clock.advance(500);
    const peeked = await queue.peek(event, clock.now());
    expect(peeked.servingSeq).toBe(5);
    expect(await queue.advance(event, clock.now())).toEqual(peeked);
    clock.advance(1_234);
    const again = await queue.peek(event, clock.now());
    expect(again.servingSeq).toBe(17);
    expect(await queue.advance(event, clock.now())).toEqual(again);
  });

  it('peek changes nothing: later peeks leave an advance at an earlier now where it would have been', async () => {
    const { queue, clock, event } = context();
    await line(40);
    clock.advance(300);
    expect((await queue.advance(event, clock.now())).servingSeq).toBe(3);
    const first = clock.now() + 450;
    expect((await queue.peek(event, first)).servingSeq).toBe(7);
    expect((await queue.peek(event, first + 1_000)).servingSeq).toBe(17);
    expect((await queue.peek(event, first + 2_000)).servingSeq).toBe(27);
    // Had a peek stored its servingSeq or lastAdvanceAt, this advance would answer 17 or more.
    expect((await queue.advance(event, first)).servingSeq).toBe(7);
    expect((await queue.advance(event, first + 100)).servingSeq).toBe(8);
  });

  it('peek counts only unexpired sessions and caps serving by them, as advance does', async () => {
    const { queue, clock, event } = context();
    await line(10, { maxActiveUsers: 2 });
    clock.advance(200);
    expect((await queue.advance(event, clock.now())).servingSeq).toBe(2);
    expect((await queue.admit(event, 'u1', 1, clock.now())).kind).toBe('admitted');
    expect((await queue.admit(event, 'u2', 2, clock.now())).kind).toBe('admitted');
    const full = await queue.peek(event, clock.now() + 1_000);
    expect(full).toMatchObject({ active: 2, servingSeq: 2 });
    const expired = await queue.peek(event, clock.now() + 30_001);
    expect(expired).toMatchObject({ active: 0, servingSeq: 4 });
    expect(await queue.advance(event, clock.now() + 30_001)).toEqual(expired);
  });

  it('peek of a paused queue serves nobody, like advance', async () => {
    const { queue, clock, event } = context();
    await line(10);
    await queue.setFlags(event, { paused: true }, clock.now());
    clock.advance(500);
    const peeked = await queue.peek(event, clock.now());
    expect(peeked).toMatchObject({ paused: true, servingSeq: 0 });
    expect(await queue.advance(event, clock.now())).toEqual(peeked);
  });
}
