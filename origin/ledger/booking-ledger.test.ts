import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../events/event-record.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { createDynamoLedger } from './dynamo-ledger.js';
import { ensureLedgerTable } from './ensure-table.js';
import type { BookingRecord, Ledger } from './ledger.js';
import { formatMarker, parseMarker } from './place-marker.js';

let dynamo: TestDynamo;
let ledger: Ledger;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  const table = `bl-${randomBytes(4).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, table);
  ledger = createDynamoLedger(dynamo.client, table);
  await ledger.createEvent(event);
});

const event = {
  id: 'e1',
  title: 'Drop',
  kind: 'deal',
  startsAt: '2026-12-05T01:00:00Z',
  prequeueMinutes: 0,
  guestsAllowed: true,
  admission: { newUsersPerMinute: 60, maxActiveUsers: 10, sessionSeconds: 60 },
  queueAll: false,
  items: [{ id: 'it', label: 'Item', capacity: 5, perUserLimit: 3 }],
  paused: false,
  closed: false,
  seed: 's',
  seedSha256: 'h',
  createdAt: '2026-12-01T00:00:00Z',
  version: 1,
} satisfies EventRecord;

let n = 0;
const booking = (overrides: Partial<BookingRecord> = {}): BookingRecord => ({
  id: `bk_${(n += 1)}`,
  eventId: 'e1',
  itemId: 'it',
  userId: 'ana',
  quantity: 2,
  status: 'confirmed',
  createdAt: `2026-12-05T01:00:0${n % 10}Z`,
  idempotencyKey: `key-${n}`,
  fingerprint: 'f',
  ...overrides,
});
const claimOf = (b: BookingRecord, deadline = 1_000) => ({ eventId: b.eventId, itemId: b.itemId, bookingId: b.id, quantity: b.quantity, deadline });
const counter = async () => (await ledger.itemCounters('e1'))[0]!;

describe('the booking ledger without transactions', () => {
  it('journals attempts beside the event, apart from items and bookings', async () => {
    const b = booking();
    await ledger.putPending({ booking: b, deadline: 42 });
    await expect(ledger.putPending({ booking: b, deadline: 43 })).rejects.toThrow();
    expect(await ledger.listPending('e1')).toEqual([{ booking: b, deadline: 42 }]);
    expect([...(await ledger.itemCounts('e1')).keys()]).toEqual(['it']);
    await ledger.deletePending('e1', b.id);
    await ledger.deletePending('e1', b.id);
    expect(await ledger.listPending('e1')).toEqual([]);
  });

  it('claims places up to capacity, each claim once, and settles or reverts it once', async () => {
    const [a, b, c] = [booking(), booking(), booking()];
    expect(await ledger.claimPlace(claimOf(a), 5)).toBe(true);
    expect(await ledger.claimPlace(claimOf(a), 5)).toBe(false); // the same claim twice counts once
    expect(await ledger.claimPlace(claimOf(b), 5)).toBe(true);
    expect(await ledger.claimPlace(claimOf(c), 5)).toBe(false); // 4 + 2 > 5
    expect(await counter()).toMatchObject({ booked: 4, version: 2, markers: [formatMarker({ kind: 'claim', ...claimOf(a) }), formatMarker({ kind: 'claim', ...claimOf(b) })].sort() });
    const markerA = formatMarker({ kind: 'claim', ...claimOf(a) });
    const racing = await Promise.all([ledger.revertMarker('e1', 'it', markerA, 2), ledger.revertMarker('e1', 'it', markerA, 2), ledger.settleMarker('e1', 'it', markerA)]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    const reverted = racing[0] || racing[1];
    expect(await ledger.settleMarker('e1', 'it', formatMarker({ kind: 'claim', ...claimOf(b) }))).toBe(true);
    expect(await counter()).toMatchObject({ booked: reverted ? 2 : 4, version: reverted ? 3 : 2, markers: [] });
  });

  it('lets an abort fence a booking id: whichever comes first wins, for good', async () => {
    const late = booking();
    expect(await ledger.abortBooking(late.id, 'now')).toEqual({ kind: 'aborted' });
    expect(await ledger.putBooking(late)).toBe('aborted');
    expect(await ledger.bookingState(late.id)).toEqual({ kind: 'aborted' });
    expect(await ledger.getBooking(late.id)).toBeUndefined();
    const written = booking();
    expect(await ledger.putBooking(written)).toBe('written');
    expect(await ledger.abortBooking(written.id, 'now')).toEqual({ kind: 'booking', booking: written });
    expect(await ledger.bookingState('bk_none')).toEqual({ kind: 'absent' });
    expect((await ledger.listBookingsByEvent('e1')).map((b) => b.id)).toEqual([written.id]);
    expect((await ledger.listBookingsByUser('ana')).map((b) => b.id)).toEqual([written.id]);
  });

  it('returns a cancelled booking’s places exactly once, even when cancels race', async () => {
    const b = booking({ quantity: 3 });
    await ledger.claimPlace(claimOf(b), 5);
    await ledger.putBooking(b);
    await ledger.settleMarker('e1', 'it', formatMarker({ kind: 'claim', ...claimOf(b) }));
    const results = await Promise.all(Array.from({ length: 6 }, () => ledger.cancelBooking(b.id, 'ana', 'later', 9_000)));
    expect(results.filter((r) => r.kind === 'cancelled')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'already_cancelled')).toHaveLength(5);
    expect(await counter()).toMatchObject({ booked: 0, markers: [] });
    expect(await ledger.cancelBooking(b.id, 'bo', 'later', 9_000)).toEqual({ kind: 'not_found' });
    const state = await ledger.bookingState(b.id);
    expect(state).toMatchObject({ kind: 'booking', booking: { status: 'cancelled', cancelledAt: 'later' } });
    expect(parseMarker((state as { cancelMarker: string }).cancelMarker)).toMatchObject({ kind: 'return', bookingId: b.id, quantity: 3, deadline: 9_000 });
  });

  it('fixes drift only at the version it was seen, and never over markers', async () => {
    const b = booking();
    await ledger.claimPlace(claimOf(b), 5);
    const { version } = await counter();
    expect(await ledger.noteDrift('e1', 'it', version, { expected: 0, seenAt: 1, version })).toBe(true);
    expect(await ledger.fixDrift('e1', 'it', version, 0)).toBe(false); // a claim is in flight
    await ledger.revertMarker('e1', 'it', formatMarker({ kind: 'claim', ...claimOf(b) }), 2);
    expect(await ledger.fixDrift('e1', 'it', version, 0)).toBe(false); // changed since
    const now = await counter();
    expect(now).toMatchObject({ booked: 0, drift: { expected: 0, seenAt: 1, version } });
    expect(await ledger.noteDrift('e1', 'it', now.version, null)).toBe(true);
    expect(await ledger.fixDrift('e1', 'it', now.version, 3)).toBe(true);
    expect(await counter()).toEqual({ itemId: 'it', capacity: 5, booked: 3, version: now.version + 1, markers: [] });
  });
});

describe('place markers', () => {
  it('round-trip, and refuse anything else', () => {
    const claim = { kind: 'claim' as const, bookingId: 'bk_1x-Y', quantity: 2, deadline: 1_765_000_000_000 };
    expect(parseMarker(formatMarker(claim))).toEqual(claim);
    const back = { kind: 'return' as const, bookingId: 'bk_2', quantity: 1, deadline: 5, nonce: 'a_b-c' };
    expect(formatMarker(back)).toBe('-bk_2.1.5.a_b-c');
    expect(parseMarker('-bk_2.1.5.a_b-c')).toEqual(back);
    for (const bad of ['', '+', '+bk.x.1', '*bk.1.1', '+bk.1.1.extra.more', '+b k.1.1']) expect(parseMarker(bad)).toBeUndefined();
  });
});
