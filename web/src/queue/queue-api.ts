import type { AdmitResponse, IdentityResponse, JoinResponse, QueueState, VisitorStatusResponse } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

const queuePath = (eventId: string, action: string) => `/api/queue/${encodeURIComponent(eventId)}/${action}`;

/** Takes (or gets back) this identity's place in line; the same identity always gets the same seq. */
export function joinQueue(eventId: string, idToken: string): Promise<JoinResponse> {
  return apiFetch(queuePath(eventId, 'join'), { method: 'POST', token: idToken });
}

/** A join that minted the guest it placed. */
export type GuestJoinResponse = JoinResponse & { identity: IdentityResponse };

/**
 * Arrives without an identity: the origin mints a guest and places it, in one request (events
 * open to guests only; docs/decisions/0010-one-request-join.md).
 */
export function joinQueueAsGuest(eventId: string): Promise<GuestJoinResponse> {
  return apiFetch(queuePath(eventId, 'join'), { method: 'POST' });
}

/** Position and ETA for the place signed into the queue token; answered by the edge, not the origin. */
export function fetchVisitorStatus(eventId: string, queueToken: string): Promise<VisitorStatusResponse> {
  return apiFetch(queuePath(eventId, 'status'), { token: queueToken });
}

/** Trades a queue token whose turn has come for a short-lived access token. */
export function admitVisitor(eventId: string, queueToken: string): Promise<AdmitResponse> {
  return apiFetch(queuePath(eventId, 'admit'), { method: 'POST', token: queueToken });
}

/** The public, cached queue document (serving and tail seq, admission rate). */
export function fetchQueueState(eventId: string): Promise<QueueState> {
  return apiFetch(queuePath(eventId, 'state'));
}
