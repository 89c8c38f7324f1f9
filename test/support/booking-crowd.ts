import { Agent, fetch } from 'undici';
import { expect } from 'vitest';
import type { InventoryGate } from '../../origin/inventory/inventory-gate.js';
import type { Ledger } from '../../origin/ledger/ledger.js';

export interface Item {
  id: string;
  label: string;
  capacity: number;
  perUserLimit: number;
}
export interface Buyer {
  userId: string;
  accessToken: string;
}
export interface Attempt {
  buyer: Buyer;
  itemId: string;
  quantity: number;
  key: string;
}
/** What a client saw: an answer, or the connection dying under it. */
export interface Outcome {
  attempt: Attempt;
  status?: number;
  code?: string;
  bookingId?: string;
  error?: string;
  at: number;
}

/**
 * Every request of the crowd shares 400 keep-alive connections per origin, as the load balancer
 * in front of an origin would: thousands of simultaneous TCP handshakes would only measure the
 * kernel's listen backlog (Node listens with 511), not the booking path.
 */
const agent = new Agent({ connections: 400 });

export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers, ...(options.token && { authorization: `Bearer ${options.token}` }) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, dispatcher: agent, ...(options.body !== undefined && { body: JSON.stringify(options.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Real identities through the origin: guest → join → admit, `concurrency` at a time. */
export async function mintBuyers(base: string, eventId: string, count: number, concurrency = 32): Promise<Buyer[]> {
  const buyers: Buyer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const guest = await call(base, 'POST', '/api/auth/guest');
        const joined = await call(base, 'POST', `/api/queue/${eventId}/join`, { token: guest.body.idToken });
        const admitted = await call(base, 'POST', `/api/queue/${eventId}/admit`, { token: joined.body.queueToken });
        if (admitted.status !== 200) throw new Error(`admit answered ${admitted.status}: ${JSON.stringify(admitted.body)}`);
        buyers.push({ userId: guest.body.userId, accessToken: admitted.body.accessToken });
      }
    }),
  );
  return buyers;
}

/** Every attempt at once; `onOutcome` sees each answer as it arrives (to pull a plug mid-run). */
export async function fire(base: string, eventId: string, attempts: Attempt[], onOutcome: (outcome: Outcome) => void = () => {}): Promise<Outcome[]> {
  return Promise.all(
    attempts.map(async (attempt) => {
      let outcome: Outcome;
      try {
        const { status, body } = await call(base, 'POST', `/api/events/${eventId}/bookings`, {
          token: attempt.buyer.accessToken,
          headers: { 'idempotency-key': attempt.key },
          body: { itemId: attempt.itemId, quantity: attempt.quantity },
        });
        outcome = { attempt, status, code: body?.code, bookingId: body?.booking?.id, at: Date.now() };
      } catch (error) {
        const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
        outcome = { attempt, error: `${(error as Error).message}: ${cause?.code ?? cause?.message ?? '?'}`, at: Date.now() };
      }
      onOutcome(outcome);
      return outcome;
    }),
  );
}

/** Waits until no attempt or counter change is left unsettled in the ledger. */
export async function settled(ledger: Ledger, eventId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [pending, counters] = await Promise.all([ledger.listPending(eventId), ledger.itemCounters(eventId)]);
    const markers = counters.flatMap((counter) => counter.markers);
    if (pending.length === 0 && markers.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still unsettled after ${timeoutMs} ms: ${pending.length} pending, markers ${markers.join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the gate holds exactly the ledger's confirmed bookings (the reconciler frees orphans). */
export async function gateAgrees(ledger: Ledger, gate: InventoryGate, eventId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const confirmed = (await ledger.listBookingsByEvent(eventId)).filter((b) => b.status === 'confirmed').map((b) => b.id);
    const held = [...(await gate.reservations(eventId)).keys()];
    if (held.length === confirmed.length && held.every((id) => confirmed.includes(id))) return;
    if (Date.now() > deadline) throw new Error(`gate holds ${held.length} reservations, ledger ${confirmed.length} bookings`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** DESIGN.md §4, checked from outside: operator API, ledger and the Redis gate all agree. */
export async function expectInvariants(base: string, adminToken: string, eventId: string, items: Item[], outcomes: Outcome[], ledger: Ledger, gate: InventoryGate) {
  const stats = (await call(base, 'GET', `/api/admin/events/${eventId}/stats`, { token: adminToken })).body;
  const listed = (await call(base, 'GET', `/api/admin/events/${eventId}/bookings`, { token: adminToken })).body.bookings as { id: string; itemId: string; userId: string; quantity: number; status: string }[];
  const confirmed = listed.filter((booking) => booking.status === 'confirmed');
  const view = (await call(base, 'GET', `/api/events/${eventId}`)).body;
  const availability = await gate.availability(eventId);
  for (const item of items) {
    const row = stats.items.find((entry: { id: string }) => entry.id === item.id);
    const sum = confirmed.filter((b) => b.itemId === item.id).reduce((total, b) => total + b.quantity, 0);
    expect(row.booked, `${item.id} oversold`).toBeLessThanOrEqual(item.capacity);
    expect(row.booked + row.remaining).toBe(item.capacity);
    expect(row.booked, `${item.id}: counter vs records`).toBe(sum);
    expect(availability.get(item.id), `${item.id}: gate vs ledger`).toEqual({ capacity: item.capacity, booked: sum, provisional: 0 });
    expect(view.items.find((entry: { id: string }) => entry.id === item.id).remaining).toBe(item.capacity - sum);
  }
  // Every 201 (and every replay) a client saw is a confirmed booking in the ledger.
  const ids = new Set(confirmed.map((b) => b.id));
  const answered = outcomes.filter((o) => o.status === 201 || o.status === 200);
  for (const outcome of answered) expect(ids.has(outcome.bookingId!), `booking ${outcome.bookingId} lost`).toBe(true);
  // One key, one booking: every answer for a key names the same booking.
  const byKey = new Map<string, Set<string>>();
  for (const o of answered) byKey.set(`${o.attempt.buyer.userId}|${o.attempt.key}`, (byKey.get(`${o.attempt.buyer.userId}|${o.attempt.key}`) ?? new Set()).add(o.bookingId!));
  expect([...byKey.values()].every((set) => set.size === 1)).toBe(true);
  const perUser = new Map<string, number>();
  for (const b of confirmed) perUser.set(`${b.itemId}|${b.userId}`, (perUser.get(`${b.itemId}|${b.userId}`) ?? 0) + b.quantity);
  for (const [key, quantity] of perUser) expect(quantity, key).toBeLessThanOrEqual(items.find((item) => key.startsWith(`${item.id}|`))!.perUserLimit);
  expect(new Set((await gate.reservations(eventId)).keys())).toEqual(ids);
  expect(await ledger.listPending(eventId)).toEqual([]);
  return { confirmed: confirmed.length, booked: stats.booked as number };
}
