import { makeJsonStorage } from '../storage/make-json-storage.js';
import { hasFields } from '../storage/has-fields.js';

/** A held place in line, remembered so a reload or a second visit does not join again. */
export interface QueueTicket {
  queueToken: string;
  seq: number | null;
  /** The first position we saw, so progress can be drawn as "how far since you joined". */
  firstPosition?: number;
  /** The lowest position we saw for this seq: what the screen shows, so it never goes back up. */
  lowestPosition?: number;
}

const storage = makeJsonStorage<QueueTicket>('local', 'queue', (value): value is QueueTicket =>
  hasFields(value, { queueToken: 'string' }),
);

// Keyed by user too: a token minted for a guest is useless once that browser logs in as a member.
const key = (eventId: string, userId: string) => `${userId}.${eventId}`;

export const queueTicketStore = {
  read: (eventId: string, userId: string) => storage.read(key(eventId, userId)),
  save: (eventId: string, userId: string, ticket: QueueTicket) => storage.write(key(eventId, userId), ticket),
  forget: (eventId: string, userId: string) => storage.remove(key(eventId, userId)),
};
