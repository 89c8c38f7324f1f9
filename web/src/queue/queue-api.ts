import type { AdmitResponse, JoinResponse, QueueState, VisitorStatusResponse } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

const queuePath = (eventId: string, action: string) => `/api/queue/${encodeURIComponent(eventId)}/${action}`;

/** Takes (or gets back) this identity's place in line; the same identity always gets the same seq. */
export function joinQueue(eventId: string, idToken: string): Promise<JoinResponse> {
  return apiFetch(queuePath(eventId, 'join'), { method: 'POST', token: idToken });
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
