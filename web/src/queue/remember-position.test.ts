import { describe, expect, it } from 'vitest';
import type { QueueTicket } from './queue-ticket-store.js';
import { carryPlace, rememberPosition, shownPosition } from './remember-position.js';

const ticket: QueueTicket = { queueToken: 'token-1', seq: 120 };

/** Feeds positions in order and returns what the screen showed after each. */
function screen(positions: (number | null)[], start: QueueTicket = ticket): (number | null)[] {
  let current = start;
  return positions.map((position) => {
    current = rememberPosition(current, position);
    return shownPosition(current, position);
  });
}

describe('the position on screen never goes up', () => {
  it('shows the lowest position seen when a later answer is higher', () => {
    expect(screen([40, 35, 38, 35, 30, 31, 12])).toEqual([40, 35, 35, 35, 30, 30, 12]);
  });

  it('keeps the first position for the progress bar and the lowest for the screen', () => {
    let current = ticket;
    for (const position of [40, 35, 38]) current = rememberPosition(current, position);
    expect(current).toEqual({ queueToken: 'token-1', seq: 120, firstPosition: 40, lowestPosition: 35 });
  });

  it('keeps the lowest across a reload, since it travels with the stored ticket', () => {
    const stored = JSON.parse(JSON.stringify(rememberPosition(rememberPosition(ticket, 50), 20))) as QueueTicket;
    expect(shownPosition(stored, 26)).toBe(20);
    expect(screen([26, 19], stored)).toEqual([20, 19]);
  });

  it('shows nothing when the server has no position (pre-queue, paused) and forgets nothing', () => {
    const seen = rememberPosition(ticket, 9);
    expect(rememberPosition(seen, null)).toBe(seen);
    expect(shownPosition(seen, null)).toBeNull();
    expect(shownPosition(undefined, 7)).toBe(7);
  });
});

describe('carryPlace', () => {
  const seen = rememberPosition(rememberPosition(ticket, 40), 22);

  it('keeps what it knows when a rejoin gives back the same seq (a stale token)', () => {
    const rejoined = carryPlace(seen, { queueToken: 'token-2', seq: 120 });
    expect(rejoined).toEqual({ queueToken: 'token-2', seq: 120, firstPosition: 40, lowestPosition: 22 });
    expect(shownPosition(rejoined, 25)).toBe(22);
  });

  it('starts afresh for a genuinely new place (a new seq)', () => {
    const redrawn = carryPlace(seen, { queueToken: 'token-3', seq: 480 });
    expect(redrawn).toEqual({ queueToken: 'token-3', seq: 480 });
    expect(shownPosition(redrawn, 300)).toBe(300);
  });

  it('starts afresh after the pre-queue (no seq before the draw) and with nothing before', () => {
    expect(carryPlace({ queueToken: 'pre', seq: null, lowestPosition: 3 }, { queueToken: 'token-4', seq: 3 })).toEqual({ queueToken: 'token-4', seq: 3 });
    expect(carryPlace(undefined, { queueToken: 'token-5', seq: 9 })).toEqual({ queueToken: 'token-5', seq: 9 });
  });
});
