import type { JoinResponse } from '../../../core/index.js';
import { isApiError } from '../api/api-error.js';
import { ensureIdentity } from '../identity/ensure-identity.js';
import { createGuest } from '../identity/identity-api.js';
import type { Identity } from '../identity/identity-store.js';
import { joinQueueAsGuest } from './queue-api.js';
import { queueTicketStore } from './queue-ticket-store.js';

export interface Arrival {
  identity: Identity;
  /** Set when arriving also took the place (the one-request join): the waiting room's first screen. */
  joined?: JoinResponse;
}

/** Refusals about the event, which the waiting room shows as states once it has an identity. */
const EVENT_REFUSALS = ['not_started', 'sold_out', 'event_closed', 'members_only', 'rate_limited'] as const;

/**
 * Who queues for `eventId`. A browser with nobody yet, at an event open to guests, becomes a guest
 * and takes its place in one request; the identity is kept exactly as `ensureIdentity` keeps one
 * and the ticket as the waiting room keeps one, so a reload finds both. Resolves `undefined` when
 * a member is needed (the page sends the visitor to log in).
 */
export async function arriveInLine(eventId: string, options: { membersOnly: boolean }): Promise<Arrival | undefined> {
  let joined: JoinResponse | undefined;
  const mintGuest = async (): Promise<Identity> => {
    try {
      const answer = await joinQueueAsGuest(eventId);
      queueTicketStore.save(eventId, answer.identity.userId, { queueToken: answer.queueToken, seq: answer.seq });
      joined = answer;
      return answer.identity;
    } catch (error) {
      // The join refused (and so minted nothing): become a guest the two-request way, and let the
      // waiting room's own join meet the refusal and show it (not open yet, sold out, ...).
      if (isApiError(error, ...EVENT_REFUSALS)) return createGuest();
      throw error;
    }
  };
  const identity = await ensureIdentity({ ...options, mintGuest });
  if (!identity) return undefined;
  // Another caller's guest may have won the race: then this arrival joined nothing.
  return joined && joined.identity?.userId === identity.userId ? { identity, joined } : { identity };
}
