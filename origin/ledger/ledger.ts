import type { Booking } from '../../core/index.js';
import type { QueueCheckpoint } from '../admission/admission-queue.js';
import type { EventRecord } from '../events/event-record.js';

/** A booking as stored: the public shape plus what idempotency needs after a gate rebuild. */
export interface BookingRecord extends Booking {
  idempotencyKey: string;
  fingerprint: string;
}

export interface MemberRecord {
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash`, base64url parts. */
  passwordHash: string;
}

export type ConfirmResult = { kind: 'confirmed' } | { kind: 'sold_out' } | { kind: 'duplicate' };
export type CancelResult = { kind: 'cancelled'; booking: BookingRecord } | { kind: 'already_cancelled'; booking: BookingRecord } | { kind: 'not_found' };

/**
 * The durable ledger port, the source of truth. DynamoDB single-table design (see
 * `table-design.md`); conditional writes only, so it runs on dynalite as on AWS.
 */
export interface Ledger {
  createEvent(event: EventRecord): Promise<'created' | 'exists'>;
  getEvent(eventId: string): Promise<EventRecord | undefined>;
  listEvents(): Promise<EventRecord[]>;
  /** Writes the record if its stored version is `event.version - 1`; false on a lost race. */
  updateEvent(event: EventRecord): Promise<boolean>;
  /** Confirmed quantity per item, from the ledger's counters. */
  itemCounts(eventId: string): Promise<Map<string, number>>;
  /** Claims `quantity` of the item's capacity, then writes the booking: a 201 may follow only `confirmed`. */
  confirmBooking(booking: BookingRecord, capacity: number): Promise<ConfirmResult>;
  getBooking(bookingId: string): Promise<BookingRecord | undefined>;
  listBookingsByUser(userId: string): Promise<BookingRecord[]>;
  listBookingsByEvent(eventId: string): Promise<BookingRecord[]>;
  cancelBooking(bookingId: string, userId: string, now: string): Promise<CancelResult>;
  /**
   * Merges a queue checkpoint forward: each counter becomes the larger of stored and given, and
   * `drawn` stays true once set, so racing writers and late writes never move it back.
   */
  putQueueCheckpoint(eventId: string, checkpoint: QueueCheckpoint): Promise<void>;
  getQueueCheckpoint(eventId: string): Promise<QueueCheckpoint | undefined>;
  putMember(member: MemberRecord): Promise<void>;
  getMember(username: string): Promise<MemberRecord | undefined>;
}
