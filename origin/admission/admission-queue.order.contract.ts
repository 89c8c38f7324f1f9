import { expect, it } from 'vitest';
import { CAPACITY_CLAIM_MS } from './admission-queue.js';
import type { PeekContext } from './admission-queue.peek.contract.js';

/**
 * Admission in seq order at capacity (DESIGN.md §4 invariant 4), part of the AdmissionQueue
 * contract: a visitor turned away `at_capacity` keeps a claim on the next free session while they
 * keep asking, so a later seq asking when a session frees does not take it first.
 */
export function describeAdmissionOrderContract(context: () => PeekContext): void {
  /** Four in line, all called (the banked second), two sessions; u1 and u2 take them. */
  const full = async () => {
    const { queue, clock, event, open, seqOf } = context();
    await open({ maxActiveUsers: 2, sessionSeconds: 600 });
    for (const user of ['u1', 'u2', 'u3', 'u4']) await seqOf(user);
    const admit = (user: string, seq: number) => queue.admit(event, user, seq, clock.now());
    expect(await admit('u1', 1)).toMatchObject({ kind: 'admitted' });
    expect(await admit('u2', 2)).toMatchObject({ kind: 'admitted' });
    return { admit, free: (user: string) => queue.complete(event, user), clock };
  };

  it('keeps a freed session for the earlier visitor turned away at capacity, not the later one asking first', async () => {
    const { admit, free, clock } = await full();
    expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
    await free('u1');
    clock.advance(500);
    expect(await admit('u4', 4)).toEqual({ kind: 'at_capacity' });
    expect(await admit('u3', 3)).toMatchObject({ kind: 'admitted', renewed: false });
    await free('u2');
    expect(await admit('u4', 4)).toMatchObject({ kind: 'admitted', renewed: false });
  });

  it('lets the later visitor in when there is room for everyone ahead of them too', async () => {
    const { admit, free } = await full();
    expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
    await free('u1');
    await free('u2');
    // Two sessions free, one claimed by u3: one is left for u4.
    expect(await admit('u4', 4)).toMatchObject({ kind: 'admitted' });
    expect(await admit('u3', 3)).toMatchObject({ kind: 'admitted' });
  });

  it('drops a claim its visitor stopped renewing, and keeps one that is renewed in time', async () => {
    const { admit, free, clock } = await full();
    expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
    clock.advance(CAPACITY_CLAIM_MS - 1);
    expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
    await free('u1');
    clock.advance(CAPACITY_CLAIM_MS - 1);
    expect(await admit('u4', 4)).toEqual({ kind: 'at_capacity' });
    clock.advance(1);
    // u3 last asked CAPACITY_CLAIM_MS ago and gave up; u4 asked in time and is next.
    expect(await admit('u4', 4)).toMatchObject({ kind: 'admitted' });
    expect(await admit('u3', 3)).toEqual({ kind: 'at_capacity' });
  });
}
