import type { Booking, EventStats, EventView } from '../../core/index.js';
import { bookingDigest } from './booking-digest.js';
import type { ClientView } from './client-view.js';
import type { Invariant } from './invariant.js';

/** The ledger as the operator API returned it, or why it could not be read. */
export type LedgerRead = { kind: 'ok'; bookings: Booking[] } | { kind: 'missing' } | { kind: 'error'; message: string };

export const LEDGER_ENDPOINT = 'GET /api/admin/events/:eventId/bookings';

const sumBy = (rows: Iterable<{ key: string; quantity: number }>) => {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.quantity);
  return totals;
};

const list = (parts: string[], max = 6) => (parts.length <= max ? parts.join(', ') : `${parts.slice(0, max).join(', ')} … and ${parts.length - max} more`);

const unreadable = (ledger: LedgerRead) =>
  ledger.kind === 'missing' ? `skipped: endpoint missing (${LEDGER_ENDPOINT} answered 404)` : ledger.kind === 'error' ? `ledger not readable: ${ledger.message}` : '';

/** Places per item the clients were told they booked. */
function clientPerItem(client: ClientView): Map<string, number> {
  if (client.bookings.kind === 'digest') return new Map(Object.entries(client.bookings.perItem));
  return sumBy(client.bookings.list.map((booking) => ({ key: booking.itemId, quantity: booking.quantity })));
}

export function confirmed(ledger: LedgerRead): Booking[] | undefined {
  return ledger.kind === 'ok' ? ledger.bookings.filter((booking) => booking.status === 'confirmed') : undefined;
}

/** Invariant 1: confirmed quantity per item ≤ capacity, by the ledger, the stats and the clients. */
export function checkCapacity(event: EventView, stats: EventStats | undefined, ledger: LedgerRead, client: ClientView): Invariant {
  const records = confirmed(ledger);
  const fromLedger = records && sumBy(records.map((booking) => ({ key: booking.itemId, quantity: booking.quantity })));
  const fromClients = clientPerItem(client);
  const parts: string[] = [];
  const over: string[] = [];
  for (const item of event.items) {
    const ledgerCount = fromLedger?.get(item.id) ?? 0;
    const statsCount = stats?.items.find((entry) => entry.id === item.id)?.booked ?? 0;
    const clientCount = fromClients.get(item.id) ?? 0;
    const worst = Math.max(ledgerCount, statsCount, clientCount);
    parts.push(`${item.id} ${fromLedger ? ledgerCount : statsCount}/${item.capacity}`);
    if (worst > item.capacity) over.push(`${item.id}: ledger ${ledgerCount}, stats ${statsCount}, client-seen ${clientCount} > capacity ${item.capacity}`);
  }
  const source = fromLedger ? 'ledger' : `stats (${unreadable(ledger)})`;
  return {
    name: 'no item above capacity',
    ok: over.length === 0 && (fromLedger !== undefined || stats !== undefined),
    detail: over.length > 0 ? `OVERSOLD ${list(over)}` : `${list(parts)} (${source}; client-seen 201s agree)`,
  };
}

/** Invariant 3: at most perUserLimit per identity per item. */
export function checkPerUserLimit(event: EventView, ledger: LedgerRead, client: ClientView): Invariant {
  const name = 'at most perUserLimit per identity';
  const limits = new Map(event.items.map((item) => [item.id, item.perUserLimit]));
  const rows = (bookings: { userId: string; itemId: string; quantity: number }[]) =>
    sumBy(bookings.map((booking) => ({ key: `${booking.userId} ${booking.itemId}`, quantity: booking.quantity })));
  const bookings = confirmed(ledger) ?? (client.bookings.kind === 'each' ? client.bookings.list : undefined);
  if (!bookings) return { name, ok: false, detail: `${unreadable(ledger)}; the clients' counters do not say who booked` };
  const held = rows(bookings);
  const over = [...held].filter(([key, quantity]) => quantity > (limits.get(key.split(' ')[1] ?? '') ?? 1)).map(([key, quantity]) => `${key} holds ${quantity}`);
  const max = Math.max(0, ...held.values());
  const source = ledger.kind === 'ok' ? 'ledger' : `client-seen 201s (${unreadable(ledger)})`;
  return {
    name,
    ok: over.length === 0,
    detail: over.length > 0 ? `OVER THE LIMIT ${list(over)}` : `${held.size} identity/item pairs hold bookings, at most ${max} each (${source})`,
  };
}

/** Invariant 2: every booking a client was told about is a confirmed ledger record with the same contents. */
export function checkEvery201InLedger(ledger: LedgerRead, client: ClientView): Invariant {
  const name = 'every 201 seen by a client is in the ledger';
  const seenCount = client.bookings.kind === 'each' ? client.bookings.list.length : client.bookings.count;
  if (ledger.kind !== 'ok') return { name, ok: false, detail: `${unreadable(ledger)}; ${seenCount} client-seen bookings unverified` };
  if (client.bookings.kind === 'digest') return checkDigest(ledger.bookings, client.bookings);
  const seen = client.bookings.list;
  const byId = new Map(ledger.bookings.map((booking) => [booking.id, booking]));
  const problems: string[] = [];
  for (const booking of seen) {
    const record = byId.get(booking.bookingId);
    if (!record) problems.push(`${booking.bookingId} missing`);
    else if (record.status !== 'confirmed') problems.push(`${booking.bookingId} is ${record.status}`);
    else if (record.itemId !== booking.itemId || record.userId !== booking.userId || record.quantity !== booking.quantity) problems.push(`${booking.bookingId} differs`);
  }
  return {
    name,
    ok: problems.length === 0,
    detail: problems.length > 0 ? `${problems.length} of ${seen.length}: ${list(problems)}` : `${seen.length} client-seen bookings, all confirmed in the ledger (${ledger.bookings.length} records)`,
  };
}

/**
 * Counters only (Artillery): the clients' count and digest of the bookings they were told about
 * must be the ledger's confirmed records exactly. An answer lost in transit makes them differ,
 * and also fails "no server errors or unexpected answers" (a timeout or network error).
 */
function checkDigest(bookings: readonly Booking[], seen: { count: number; digest: number }): Invariant {
  const name = 'every 201 seen by a client is in the ledger';
  const records = bookings.filter((booking) => booking.status === 'confirmed');
  const digest = records.reduce((sum, booking) => sum + bookingDigest(booking), 0);
  const ok = records.length === seen.count && digest === seen.digest;
  return {
    name,
    ok,
    detail: ok
      ? `${seen.count} client-seen bookings, the ledger's ${records.length} confirmed records exactly (count and digest of id, item, user, quantity)`
      : `clients were told of ${seen.count} bookings (digest ${seen.digest}), the ledger confirms ${records.length} (digest ${digest})`,
  };
}

/** The operator stats' counters and the ledger's records tell the same story. */
export function checkStatsMatchLedger(stats: EventStats | undefined, ledger: LedgerRead): Invariant | undefined {
  const records = confirmed(ledger);
  if (!records || !stats) return undefined;
  const counts = sumBy(records.map((booking) => ({ key: booking.itemId, quantity: booking.quantity })));
  const differ = stats.items.filter((item) => item.booked !== (counts.get(item.id) ?? 0)).map((item) => `${item.id}: stats ${item.booked}, ledger ${counts.get(item.id) ?? 0}`);
  return { name: 'stats agree with the ledger', ok: differ.length === 0, detail: differ.length > 0 ? list(differ) : `${stats.booked} booked by both` };
}

/** A `sold_out` (or a public "0 left") turned people away: at the end, that inventory must really be gone. */
export function checkSoldOutTruthful(event: EventView, stats: EventStats | undefined, client: ClientView): Invariant {
  const name = 'sold_out only when the inventory is gone';
  const claims = [...client.soldOutSeen];
  if (claims.length === 0) return { name, ok: true, detail: 'no sold_out answer seen' };
  if (!stats) return { name, ok: false, detail: 'final stats not readable' };
  const left = (id: string) => (id === 'event' ? stats.remaining : (stats.items.find((item) => item.id === id)?.remaining ?? 0));
  const falseClaims = claims.filter((id) => left(id) > 0).map((id) => `${id === 'event' ? 'the event' : id} still has ${left(id)}`);
  return {
    name,
    ok: falseClaims.length === 0,
    detail: falseClaims.length > 0 ? `sold_out answered but ${list(falseClaims)}` : `sold_out seen for ${list(claims)}; ${stats.remaining} of ${event.items.reduce((sum, item) => sum + item.capacity, 0)} places left`,
  };
}
