import { AppError } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';
import type { EventRecord } from '../events/event-record.js';
import type { GateRebuild } from '../inventory/gate-rebuild.js';
import type { GateRefusal, ReserveOptions, ReserveRequest, ReserveResult } from '../inventory/inventory-gate.js';
import type { BookingRecord } from '../ledger/ledger.js';
import { formatMarker } from '../ledger/place-marker.js';
import { log } from '../logging/log.js';

/**
 * How long a place is held at the gate before the attempt is journaled with its owner's lease.
 * An attempt slower than this to reach step 4 is decided afresh there, which is safe.
 */
export const PROVISIONAL_HOLD_MS = 5_000;

export type AttemptOutcome = { kind: 'booked'; remaining: number } | GateRefusal;

/**
 * The write sequence of one booking (docs/decisions/0006-booking-journal-and-reconciliation.md):
 *
 * 1. reserve provisionally at the gate (capacity, per-user limit, Idempotency-Key): it drops
 *    itself after PROVISIONAL_HOLD_MS, so the crowd that loses here never writes to the ledger;
 * 2. journal the attempt in the ledger (`PENDING#<bookingId>`, with the deadline and this
 *    instance's lease: if the instance dies the reconciler settles it as soon as the lease lapses);
 * 3. claim the places on the ledger's item counter (never past capacity), marked with the id;
 * 4. reserve again, firmly: a no-op unless the gate lost the reservation meanwhile (expired, or
 *    rebuilt without it), in which case it is decided afresh;
 * 5. write the booking record (refused if the reconciler aborted the id), and only then answer;
 * 6. settle: drop the counter's marker and the journal entry.
 *
 * A refusal undoes what the attempt holds, then drops the journal entry, in that order. Anything
 * unexpected (a crash, a timeout) leaves the entry; the reconciler settles it after the deadline.
 */
export function createBookingAttempt(deps: OriginDeps, gateRebuild: GateRebuild) {
  const { gate, ledger, clock, settings } = deps;

  const reserve = async (record: EventRecord, request: ReserveRequest, options: ReserveOptions): Promise<ReserveResult> => {
    const result = await gate.reserve(request, options);
    if (result.kind !== 'not_loaded') return result;
    // The gate lost the event (a wipe, a new process): rebuild it from the ledger, then ask again.
    await gateRebuild.ensureLoaded(record);
    return gate.reserve(request, { ...options, now: clock.now() });
  };

  async function run(record: EventRecord, booking: BookingRecord, capacity: number, requestId: string | undefined): Promise<AttemptOutcome> {
    const { eventId, itemId, quantity, id: bookingId } = booking;
    const deadline = clock.now() + settings.bookingTimeoutMs;
    const request: ReserveRequest = { eventId, itemId, userId: booking.userId, quantity, idempotencyKey: booking.idempotencyKey, fingerprint: booking.fingerprint, bookingId };
    const claim = { eventId, itemId, bookingId, quantity, deadline };
    const marker = formatMarker({ kind: 'claim', ...claim });
    const giveUp = async (claimed: boolean) => {
      if (claimed) await ledger.revertMarker(eventId, itemId, marker, quantity);
      await gate.release({ eventId, bookingId, forgetKey: true });
      await ledger.deletePending(eventId, bookingId);
    };

    // Until journaled, nothing but this time limit frees the hold if the process dies: keep it short.
    const held = await reserve(record, request, { now: clock.now(), until: Math.min(deadline, clock.now() + PROVISIONAL_HOLD_MS) });
    if (held.kind !== 'reserved') return held;
    await ledger.putPending({ booking, deadline, ...(deps.lease && { owner: deps.lease.owner }) });
    if (!(await ledger.claimPlace(claim, capacity))) {
      // The ledger is full although the gate was not: the ledger wins, but its count still holds
      // claims of requests that died (the reconciler reverts them), so this is not a sure
      // "sold out" (DESIGN.md §4 invariant 7): the buyer is asked to try again shortly.
      await giveUp(false);
      return { kind: 'places_held' };
    }
    const firm = await reserve(record, request, { now: clock.now() });
    if (firm.kind !== 'reserved') {
      await giveUp(true);
      return firm;
    }
    if ((await ledger.putBooking(booking)) === 'aborted') {
      await giveUp(true);
      throw new AppError('origin_unavailable', { detail: 'the booking took too long and was undone; try again', headers: { 'retry-after': '1' } });
    }
    // The booking is on record: the 201 may go. Settling is tidy-up the reconciler redoes if needed.
    await Promise.all([ledger.settleMarker(eventId, itemId, marker), ledger.deletePending(eventId, bookingId)]).catch((error: unknown) => {
      (deps.log ?? log).warn({ requestId, eventId, bookingId, err: error }, 'booking not settled, the reconciler will');
    });
    return { kind: 'booked', remaining: firm.remaining };
  }

  return {
    async run(record: EventRecord, booking: BookingRecord, capacity: number, requestId?: string): Promise<AttemptOutcome> {
      try {
        return await run(record, booking, capacity, requestId);
      } catch (error) {
        if (error instanceof AppError) throw error;
        // Whether a write landed is unknown: the same Idempotency-Key finds out once it is settled.
        throw new AppError('origin_unavailable', { detail: 'the booking could not be completed; retry with the same Idempotency-Key', headers: { 'retry-after': '2' }, cause: error });
      }
    },
  };
}
