import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PlaceCounters } from './dynamo-place-counters.js';
import type { EventWatch } from './dynamo-event-watch.js';
import { conditionally, keys, type DynamoTable } from './dynamo-table.js';
import type { BookingRecord, BookingState, CancelResult, Ledger } from './ledger.js';
import { formatMarker } from './place-marker.js';

type BookingStore = Pick<
  Ledger,
  'putBooking' | 'abortBooking' | 'bookingState' | 'getBooking' | 'listBookingsByUser' | 'listBookingsByEvent' | 'cancelBooking'
>;

interface BookingRow {
  booking?: BookingRecord;
  /** The return marker of the cancel that won (place-marker.ts). */
  cancelMarker?: string;
  /** An attempt the reconciler gave up on: the id can never become a booking. */
  aborted?: boolean;
}

/**
 * Booking records (`BOOKING#<id>`), indexed per user (gsi1, "my bookings") and per event (gsi2).
 * An aborted attempt leaves a bare record under its id with no index keys: it fences the id, so
 * a request that wakes up late cannot write a booking the reconciler has already released.
 */
export function createDynamoBookingStore({ doc, tableName, queryAll }: DynamoTable, counters: PlaceCounters, watch: Pick<EventWatch, 'noteEventActivity'>): BookingStore {
  const bookingItem = (booking: BookingRecord) => ({
    ...keys.booking(booking.id),
    gsi1pk: `USER#${booking.userId}`,
    gsi1sk: `${booking.createdAt}#${booking.id}`,
    gsi2pk: `EVENT#${booking.eventId}`,
    gsi2sk: `BOOKING#${booking.createdAt}#${booking.id}`,
    booking,
  });

  const bookingState = async (bookingId: string): Promise<BookingState> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.booking(bookingId), ConsistentRead: true }));
    const row = Item as BookingRow | undefined;
    if (row?.booking) return { kind: 'booking', booking: row.booking, ...(row.cancelMarker && { cancelMarker: row.cancelMarker }) };
    return row?.aborted ? { kind: 'aborted' } : { kind: 'absent' };
  };

  const getBooking = async (bookingId: string) => {
    const state = await bookingState(bookingId);
    return state.kind === 'booking' ? state.booking : undefined;
  };

  return {
    bookingState,
    getBooking,

    async putBooking(booking) {
      const written = await conditionally(() =>
        doc.send(new PutCommand({ TableName: tableName, Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      // Ids are fresh per attempt, so the only thing that can already hold one is its abort.
      return written ? 'written' : 'aborted';
    },

    async abortBooking(bookingId, now) {
      const fenced = await conditionally(() =>
        doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.booking(bookingId), aborted: true, abortedAt: now },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return fenced ? { kind: 'aborted' } : bookingState(bookingId);
    },

    async listBookingsByUser(userId) {
      const rows = await queryAll<{ booking: BookingRecord }>({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `USER#${userId}` },
        ScanIndexForward: false,
      });
      return rows.map((row) => row.booking);
    },

    async listBookingsByEvent(eventId) {
      const rows = await queryAll<{ booking: BookingRecord }>({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':prefix': 'BOOKING#' },
      });
      return rows.map((row) => row.booking);
    },

    async cancelBooking(bookingId, userId, now, deadline): Promise<CancelResult> {
      const current = await getBooking(bookingId);
      if (!current || current.userId !== userId) return { kind: 'not_found' };
      if (current.status !== 'confirmed') return { kind: 'already_cancelled', booking: current };
      const { eventId, itemId, quantity } = current;
      // 0. Have the reconciler watch the event again if it had set it aside (closed and settled).
      // 1. Announce the return on the counter, 2. cancel naming that announcement, 3. return the
      // places by dropping it: a crash after any step leaves enough for the reconciler to finish
      // the return exactly once (place-marker.ts).
      await watch.noteEventActivity(eventId, deadline);
      const marker = formatMarker({ kind: 'return', bookingId, quantity, deadline, nonce: randomBytes(6).toString('base64url') });
      await counters.addMarker(eventId, itemId, marker);
      const flipped = await conditionally(() =>
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.booking(bookingId),
            UpdateExpression: 'SET #b.#status = :cancelled, #b.#cancelledAt = :now, cancelMarker = :marker',
            ConditionExpression: '#b.#userId = :user AND #b.#status = :confirmed',
            ExpressionAttributeNames: { '#b': 'booking', '#status': 'status', '#cancelledAt': 'cancelledAt', '#userId': 'userId' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':confirmed': 'confirmed', ':now': now, ':user': userId, ':marker': marker },
          }),
        ),
      );
      if (!flipped) {
        // Another cancel won: ours returns nothing.
        await counters.settleMarker(eventId, itemId, marker);
        const latest = await getBooking(bookingId);
        return latest ? { kind: 'already_cancelled', booking: latest } : { kind: 'not_found' };
      }
      await counters.revertMarker(eventId, itemId, marker, quantity);
      return { kind: 'cancelled', booking: { ...current, status: 'cancelled', cancelledAt: now } };
    },
  };
}
