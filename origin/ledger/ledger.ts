import type { Booking, ReplaySort } from '../../core/index.js';
import type { QueueCheckpoint } from '../admission/admission-queue.js';
import type { EventRecord } from '../events/event-record.js';
import type { Pin } from '../channels/channel-stream.js';

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

/**
 * A booking attempt in flight, journaled before the gate reserves and removed once it is
 * settled (booked, or its places released). The reconciler aborts entries past their deadline.
 */
export interface PendingBooking {
  /** The booking the attempt will write if it succeeds. */
  booking: BookingRecord;
  /** ms since the epoch. */
  deadline: number;
  /** The instance working on it: once its lease has run out (it died), settled at once (`owner-lease.ts`). */
  owner?: string;
}

/** A claim of `quantity` places on an item's counter, remembered by the counter until settled. */
export interface PlaceClaim {
  eventId: string;
  itemId: string;
  bookingId: string;
  quantity: number;
  /** ms; the claim's marker carries it (see `place-marker.ts`). */
  deadline: number;
}

/** An item's capacity counter as stored. */
export interface ItemCounter {
  itemId: string;
  capacity: number;
  booked: number;
  /** Grows with every change of `booked`: drift fixes are conditional on it. */
  version: number;
  /** Claims and returns not yet settled (`place-marker.ts`). */
  markers: string[];
  /** A recount that disagreed, kept to confirm on a later pass before fixing anything. */
  drift?: DriftNote;
}

export interface DriftNote {
  /** Confirmed quantity counted from the booking records. */
  expected: number;
  /** ms when first seen. */
  seenAt: number;
  /** The counter's version then: a note from before any later change is void. */
  version: number;
}

/** Where a catalog page ends: the last event's start time and id. */
export interface CatalogPosition {
  startsAt: string;
  id: string;
}

/** An event as the reconciler finds it, with where its watch stands (docs/decisions/0006). */
export interface WatchedEvent {
  record: EventRecord;
  /**
   * ms: until when the event was last known active since it closed (the reconciler's first look
   * at it closed, or a cancel's deadline). Absent until then; a write of the record clears it.
   */
  activeAt?: number;
  /** Set aside by the reconciler: closed, quiet and clean, skipped by every pass but a sweep. */
  settled: boolean;
}

/** The pre-queue's registrants as published (docs/fairness.md): hashed ids, ascending, and their SHA-256. */
export interface RegistrantList {
  ids: string[];
  sha256: string;
}

/** A page of the recorded registrant list: the whole list's figures and one part of its ids. */
export interface RegistrantListPage {
  count: number;
  sha256: string;
  /** Parts of at most `REGISTRANT_PART_SIZE` ids; at least one (an empty list has one empty part). */
  parts: number;
  /** The part's hashed ids, ascending; null past the last part. */
  ids: string[] | null;
}

/** What a booking id stands for in the ledger: a booking, an aborted attempt, or nothing yet. */
export type BookingState =
  | { kind: 'booking'; booking: BookingRecord; cancelMarker?: string }
  | { kind: 'aborted' }
  | { kind: 'absent' };

export type CancelResult = { kind: 'cancelled'; booking: BookingRecord } | { kind: 'already_cancelled'; booking: BookingRecord } | { kind: 'not_found' };

/**
 * The durable ledger port, the source of truth. DynamoDB single-table design (see
 * `table-design.md`); conditional writes only, so it runs on dynalite as on AWS. The booking
 * write sequence and why it is safe: `docs/decisions/0006-booking-journal-and-reconciliation.md`.
 */
export interface Ledger {
  createEvent(event: EventRecord): Promise<'created' | 'exists'>;
  getEvent(eventId: string): Promise<EventRecord | undefined>;
  /** Every event ever created, by start time (operators and the reconciler). */
  listEvents(): Promise<EventRecord[]>;
  /** Events not closed and not hidden, by start time, a page at a time after `after`. */
  listCatalogEvents(page: { limit: number; after?: CatalogPosition }): Promise<{ events: EventRecord[]; next?: CatalogPosition }>;
  /**
   * Every event, listed or not, newest start first (ties: id descending), a page at a time before
   * `before`. The order is the index sort key, which a change of status never moves.
   */
  listEventsNewestFirst(page: { limit: number; before?: CatalogPosition }): Promise<{ events: EventRecord[]; next?: CatalogPosition }>;
  /** Writes the record if its stored version is `event.version - 1`; false on a lost race. */
  updateEvent(event: EventRecord): Promise<boolean>;

  /** Events not set aside as settled: open, hidden, or closed and still watched. */
  listEventsToReconcile(): Promise<WatchedEvent[]>;
  /** Closed events the reconciler set aside (for its sweep). */
  listSettledEvents(): Promise<WatchedEvent[]>;
  /** Starts the watch of a closed event (`activeAt`), unless started or the record changed since `version`. */
  watchClosedEvent(eventId: string, version: number, at: number): Promise<boolean>;
  /** Sets a closed event aside, if still at `version`, not touched since `activeAt`, and not set aside already. */
  settleEvent(eventId: string, version: number, activeAt: number): Promise<boolean>;
  /** Work for the reconciler may appear in a closed or hidden event until `until` (ms): watch it again. */
  noteEventActivity(eventId: string, until: number): Promise<void>;
  /** Claims the sweep of settled events for one pass of all instances, if none claimed it in the last `everyMs`. */
  claimSweep(now: number, everyMs: number): Promise<boolean>;

  /** Journals an attempt (before the gate reserves for it). */
  putPending(pending: PendingBooking): Promise<void>;
  /** The event's attempts in flight or left behind, read consistently. */
  listPending(eventId: string): Promise<PendingBooking[]>;
  deletePending(eventId: string, bookingId: string): Promise<void>;
  /** Records that instance `owner` is alive until `expiresAt` (ms), never moving it backwards. */
  renewLease(owner: string, expiresAt: number): Promise<void>;
  /** Until when `owner` is known alive (ms), or undefined if it never was. */
  leaseExpiry(owner: string): Promise<number | undefined>;

  /** Confirmed quantity per item, from the counters (claims in flight included). */
  itemCounts(eventId: string): Promise<Map<string, number>>;
  itemCounters(eventId: string): Promise<ItemCounter[]>;
  /** Adds `quantity` to the counter unless that would pass `capacity`; false when full. */
  claimPlace(claim: PlaceClaim, capacity: number): Promise<boolean>;
  /** Drops a marker, keeping the count as it is; false if the marker was not there. */
  settleMarker(eventId: string, itemId: string, marker: string): Promise<boolean>;
  /** Drops a marker and takes `quantity` off the count, in one conditional write: at most once. */
  revertMarker(eventId: string, itemId: string, marker: string, quantity: number): Promise<boolean>;
  /** Records (or with `null` clears) a drift note, if the counter is still at `version`. */
  noteDrift(eventId: string, itemId: string, version: number, note: DriftNote | null): Promise<boolean>;
  /** Sets the count, if the counter is still at `version` with no markers; true when written. */
  fixDrift(eventId: string, itemId: string, version: number, booked: number): Promise<boolean>;

  /** Writes a confirmed booking, unless its id was aborted first. */
  putBooking(booking: BookingRecord): Promise<'written' | 'aborted'>;
  /** Marks the id aborted unless a booking holds it, so the attempt can never write it later. */
  abortBooking(bookingId: string, now: string): Promise<BookingState>;
  bookingState(bookingId: string): Promise<BookingState>;
  getBooking(bookingId: string): Promise<BookingRecord | undefined>;
  listBookingsByUser(userId: string): Promise<BookingRecord[]>;
  listBookingsByEvent(eventId: string): Promise<BookingRecord[]>;
  /** Cancels the owner's booking and returns its places to the counter exactly once. */
  cancelBooking(bookingId: string, userId: string, now: string, deadline: number): Promise<CancelResult>;

  /**
   * Merges a queue checkpoint forward: each counter becomes the larger of stored and given, and
   * `drawn` stays true once set, so racing writers and late writes never move it back.
   */
  putQueueCheckpoint(eventId: string, checkpoint: QueueCheckpoint): Promise<void>;
  getQueueCheckpoint(eventId: string): Promise<QueueCheckpoint | undefined>;
  /**
   * Keeps an event's registrant list for good, once: the first list recorded wins, and every caller
   * gets the recorded one back (a list that lost the race is discarded).
   */
  recordRegistrants(eventId: string, list: RegistrantList): Promise<RegistrantList>;
  /** One part of the recorded registrant list; undefined while none is recorded. */
  getRegistrants(eventId: string, part: number): Promise<RegistrantListPage | undefined>;
  putMember(member: MemberRecord): Promise<void>;
  getMember(username: string): Promise<MemberRecord | undefined>;

  /**
   * Replaces a channel's featured set (in order); a product already featured keeps its `pinnedAt`,
   * one newly featured gets `at` (ms) and a history item. Returns the set as stored.
   */
  setFeatured(channelId: string, products: readonly Omit<Pin, 'pinnedAt'>[], at: number): Promise<Pin[]>;
  featured(channelId: string): Promise<Pin[]>;
  /**
   * Every pin made at or after `sinceMs`, with `unpinnedAt` once it was taken off, plus every pin
   * still featured however long ago it was made; oldest first (consistent).
   */
  pinHistory(channelId: string, sinceMs: number): Promise<PinRecord[]>;

  /** Saves a replay once: a second save of the same id changes nothing and returns the stored one. */
  putReplay(replay: ReplayRecord): Promise<{ created: boolean; replay: StoredReplay }>;
  getReplay(replayId: string): Promise<StoredReplay | undefined>;
  /** A page of replays: newest first, or most plays first (ties newest first). */
  listReplays(page: { sort: ReplaySort; limit: number; after?: ReplayPosition }): Promise<{ replays: StoredReplay[]; next?: ReplayPosition }>;
  /** Adds counted plays to a replay's total (and its chart position); false when there is no such replay. */
  addReplayPlays(replayId: string, plays: number): Promise<boolean>;
}

/**
 * A finished show as stored (docs/decisions/0019): its window, where it plays and where its media
 * is. Its id is derived from the recording, so the same recording saved twice is one replay.
 */
export interface ReplayRecord {
  id: string;
  channelId: string;
  title: string;
  /** ISO 8601; the window the replay plays, and its timeline is clipped to. */
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  playbackUrl: string;
  thumbnailUrl?: string;
  /** A window of a simulated channel's loop (local stack), or an IVS recording in S3. */
  source: { kind: 'simulated' } | { kind: 'ivs'; bucket: string; prefix: string; streamId?: string };
  /** ISO 8601: when this origin first saved it. */
  createdAt: string;
}

/** A replay with its plays, as folded in so far. */
export interface StoredReplay extends ReplayRecord {
  plays: number;
}

/** Where a page of replays ends: the order, the last replay's index sort key and its id. */
export interface ReplayPosition {
  sort: ReplaySort;
  key: string;
  id: string;
}

/** A pin in a channel's history. */
export interface PinRecord extends Pin {
  /** ISO 8601; absent while the product is featured. */
  unpinnedAt?: string;
}
