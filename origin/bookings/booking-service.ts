import { createHash } from 'node:crypto';
import { AppError, sellsPlaces, type Booking, type BookingRequest } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import type { EventService } from '../events/event-service.js';
import { isGuestUserId } from '../identity/user-id.js';
import type { GateRefusal } from '../inventory/inventory-gate.js';
import type { BookingRecord } from '../ledger/ledger.js';
import { log } from '../logging/log.js';
import { createSoldOutCheck } from './sold-out-check.js';
import { createBookingAttempt } from './booking-attempt.js';

export interface BookCommand extends BookingRequest {
  eventId: string;
  userId: string;
  idempotencyKey: string;
  /** The request asking, named on the lines logged about this booking (after the answer too). */
  requestId?: string;
}

/** Public shape: idempotency internals stay in the ledger. */
export function toPublicBooking(record: BookingRecord): Booking {
  const { idempotencyKey: _key, fingerprint: _fingerprint, ...booking } = record;
  return booking;
}

/**
 * The booking path: the gate decides fast and atomically, the ledger records durably, and the
 * answer is sent only after the ledger write (DESIGN.md §4 invariant 2). The write sequence and
 * its crash safety live in `booking-attempt.ts`.
 */
export function createBookingService(deps: OriginDeps, events: EventService) {
  const { gate, ledger, queue, clock } = deps;
  const attempt = createBookingAttempt(deps, events.upkeep.gateRebuild);
  const isTrulySoldOut = createSoldOutCheck(ledger);

  /**
   * Never a false "sold out" (DESIGN.md §4 invariant 7): the holders may still fall through, and
   * those of a dead instance are released as soon as its lease has lapsed.
   */
  function placesHeld(eventId: string): never {
    deps.settleSoon?.(eventId);
    throw new AppError('places_held', { headers: { 'retry-after': '2' } });
  }

  async function refuse(eventId: string, itemId: string, quantity: number, refusal: GateRefusal, perUserLimit: number): Promise<{ booking: Booking; replayed: true }> {
    switch (refusal.kind) {
      case 'replay': {
        const existing = await ledger.getBooking(refusal.bookingId);
        // The attempt holding this key may have died with its instance: have it settled now.
        if (!existing) deps.settleSoon?.(eventId);
        if (!existing) throw new AppError('not_ready', { detail: 'this request is still being processed', headers: { 'retry-after': '1' } });
        return { booking: toPublicBooking(existing), replayed: true };
      }
      case 'mismatch':
        throw new AppError('idempotency_mismatch');
      case 'sold_out':
        if (await isTrulySoldOut(eventId, itemId, quantity)) throw new AppError('sold_out');
        // The count holds places of attempts still in flight, or of dead ones.
        return placesHeld(eventId);
      case 'places_held':
        return placesHeld(eventId);
      case 'limit_reached':
        throw new AppError('limit_reached', { detail: `you already hold ${refusal.held} of ${perUserLimit}` });
      case 'unknown_item':
        throw new AppError('item_not_found');
      case 'not_loaded':
        throw new AppError('origin_unavailable', { detail: 'inventory is being rebuilt', headers: { 'retry-after': '1' } });
    }
  }

  async function book(command: BookCommand): Promise<{ booking: Booking; replayed: boolean }> {
    const record = await events.find(command.eventId);
    // Join already turns guests away; this holds for any access token a guest may carry.
    if (!record.guestsAllowed && isGuestUserId(command.userId)) throw new AppError('members_only');
    const item = record.items.find((candidate) => candidate.id === command.itemId);
    if (!item) throw new AppError('item_not_found');
    if (command.quantity > item.perUserLimit) {
      throw new AppError('validation_failed', {
        detail: `quantity: at most ${item.perUserLimit} per person`,
        extra: { fields: [{ path: 'quantity', message: `at most ${item.perUserLimit}` }] },
      });
    }
    // Closed by the operator (or by the tick at the end): event_closed; outside the sale window
    // otherwise (before the start, during the draw, past the end): sale_not_open.
    if (record.closed) throw new AppError('event_closed');
    if (!sellsPlaces((await events.live(record)).status)) throw new AppError('sale_not_open');

    const fingerprint = createHash('sha256').update(JSON.stringify([command.itemId, command.quantity])).digest('base64url');
    const { userId, quantity, idempotencyKey } = command;
    const booking: BookingRecord = {
      id: deps.ids.next('bk'),
      eventId: record.id,
      itemId: item.id,
      userId,
      quantity,
      status: 'confirmed',
      createdAt: new Date(clock.now()).toISOString(),
      eventTitle: record.title,
      itemLabel: item.label,
      idempotencyKey,
      fingerprint,
    };
    const outcome = await attempt.run(record, booking, item.capacity, command.requestId);
    if (outcome.kind !== 'booked') return refuse(record.id, item.id, booking.quantity, outcome, item.perUserLimit);
    await afterBooking(record, userId, outcome.remaining, command.requestId);
    return { booking: toPublicBooking(booking), replayed: false };
  }

  /** Frees the admission session and lets the upkeep flag a sell-out: best effort, the booking stands regardless. */
  async function afterBooking(record: EventRecord, userId: string, remaining: number, requestId: string | undefined): Promise<void> {
    try {
      await queue.complete(record.id, userId);
      if (remaining === 0) await events.upkeep.sync(record);
    } catch (error) {
      (deps.log ?? log).warn({ requestId, eventId: record.id, err: error }, 'after booking: session not freed or sell-out not flagged');
    }
  }

  async function cancel(bookingId: string, userId: string): Promise<Booking> {
    const now = clock.now();
    let result;
    try {
      result = await ledger.cancelBooking(bookingId, userId, new Date(now).toISOString(), now + deps.settings.bookingTimeoutMs);
    } catch (error) {
      // Cut short after the booking flipped or not: a retry answers either way, and the
      // reconciler returns the places of a cancel that got that far.
      throw new AppError('origin_unavailable', { detail: 'the cancel could not be completed; try again', headers: { 'retry-after': '2' }, cause: error });
    }
    if (result.kind === 'not_found') throw new AppError('booking_not_found');
    if (result.kind === 'cancelled') {
      const { booking } = result;
      // The key stays: asking again with it answers the cancelled booking. If this release or
      // the flag fails, the reconciler frees the places the ledger no longer backs.
      await gate.release({ eventId: booking.eventId, bookingId, forgetKey: false });
      await events.upkeep.sync(await events.find(booking.eventId));
    }
    return toPublicBooking(result.booking);
  }

  async function listMine(userId: string): Promise<Booking[]> {
    return (await ledger.listBookingsByUser(userId)).map(toPublicBooking);
  }

  return { book, cancel, listMine };
}
