import { createHash } from 'node:crypto';
import { AppError, eventPhase, type Booking, type BookingRequest } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { EventService } from '../events/event-service.js';
import type { BookingRecord } from '../ledger/ledger.js';

export interface BookCommand extends BookingRequest {
  eventId: string;
  userId: string;
  idempotencyKey: string;
}

/** Public shape: idempotency internals stay in the ledger. */
export function toPublicBooking(record: BookingRecord): Booking {
  const { idempotencyKey: _key, fingerprint: _fingerprint, ...booking } = record;
  return booking;
}

/**
 * The booking path: the gate decides fast and atomically, the ledger records durably, and the
 * answer is sent only after the ledger write (DESIGN.md §4 invariant 2).
 */
export function createBookingService(deps: OriginDeps, events: EventService) {
  const { gate, ledger, queue, clock } = deps;

  async function book(command: BookCommand): Promise<{ booking: Booking; replayed: boolean }> {
    const record = await events.find(command.eventId);
    const item = record.items.find((candidate) => candidate.id === command.itemId);
    if (!item) throw new AppError('item_not_found');
    if (command.quantity > item.perUserLimit) {
      throw new AppError('validation_failed', {
        detail: `quantity: at most ${item.perUserLimit} per person`,
        extra: { fields: [{ path: 'quantity', message: `at most ${item.perUserLimit}` }] },
      });
    }
    const phase = eventPhase(record, clock.now());
    if (record.closed) throw new AppError('event_closed');
    if (phase !== 'open') throw new AppError('sale_not_open');

    await events.syncGate(record);
    const fingerprint = createHash('sha256').update(JSON.stringify([command.itemId, command.quantity])).digest('base64url');
    const bookingId = deps.ids.next('bk');
    const result = await gate.reserve({ ...command, fingerprint, bookingId });
    switch (result.kind) {
      case 'replay': {
        const existing = await ledger.getBooking(result.bookingId);
        if (!existing) throw new AppError('not_ready', { detail: 'this request is still being processed', headers: { 'retry-after': '1' } });
        return { booking: toPublicBooking(existing), replayed: true };
      }
      case 'mismatch':
        throw new AppError('idempotency_mismatch');
      case 'sold_out':
        throw new AppError('sold_out');
      case 'limit_reached':
        throw new AppError('limit_reached', { detail: `you already hold ${result.held} of ${item.perUserLimit}` });
      case 'unknown_item':
        throw new AppError('item_not_found');
      case 'not_loaded':
        throw new AppError('origin_unavailable', { detail: 'inventory is being rebuilt', headers: { 'retry-after': '1' } });
      case 'reserved':
        break;
    }

    const booking: BookingRecord = {
      id: bookingId,
      eventId: record.id,
      itemId: item.id,
      userId: command.userId,
      quantity: command.quantity,
      status: 'confirmed',
      createdAt: new Date(clock.now()).toISOString(),
      eventTitle: record.title,
      itemLabel: item.label,
      idempotencyKey: command.idempotencyKey,
      fingerprint,
    };
    const release = () => gate.release({ ...command, idempotencyKey: command.idempotencyKey });
    let confirmed;
    try {
      confirmed = await ledger.confirmBooking(booking, item.capacity);
    } catch (error) {
      await release();
      throw error;
    }
    if (confirmed.kind !== 'confirmed') {
      await release();
      throw new AppError('sold_out');
    }
    await queue.complete(record.id, command.userId);
    if (result.remaining === 0) await markSoldOutIfEmpty(record.id);
    return { booking: toPublicBooking(booking), replayed: false };
  }

  async function markSoldOutIfEmpty(eventId: string): Promise<void> {
    const availability = await gate.availability(eventId);
    if ([...availability.values()].every((entry) => entry.booked >= entry.capacity)) {
      await queue.setFlags(eventId, { soldout: true }, clock.now());
    }
  }

  async function cancel(bookingId: string, userId: string): Promise<Booking> {
    const result = await ledger.cancelBooking(bookingId, userId, new Date(clock.now()).toISOString());
    if (result.kind === 'not_found') throw new AppError('booking_not_found');
    if (result.kind === 'cancelled') {
      const { booking } = result;
      // A gate that is not loaded is rebuilt from the ledger, which already counts the cancel.
      if (await gate.isLoaded(booking.eventId)) {
        await gate.release({ eventId: booking.eventId, itemId: booking.itemId, userId, quantity: booking.quantity });
      }
      await queue.setFlags(booking.eventId, { soldout: false }, clock.now());
    }
    return toPublicBooking(result.booking);
  }

  async function listMine(userId: string): Promise<Booking[]> {
    return (await ledger.listBookingsByUser(userId)).map(toPublicBooking);
  }

  return { book, cancel, listMine };
}
