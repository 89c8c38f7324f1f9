import { createSignal, type Accessor } from 'solid-js';
import type { JoinResponse, VisitorStatus, VisitorStatusResponse } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { accessPassStore } from '../access/access-pass-store.js';
import type { Identity } from '../identity/identity-store.js';
import { createPoller } from '../live/create-poller.js';
import { admitVisitor, fetchVisitorStatus, joinQueue } from './queue-api.js';
import { queueTicketStore, type QueueTicket } from './queue-ticket-store.js';

export interface WaitingRoomOptions {
  eventId: string;
  identity: Identity;
  /** When the line opens (pre-queue start), to wait for it without polling every second. */
  opensAt: number;
  onAdmitted: () => void;
  onMembersOnly: () => void;
  /** The id token itself was refused (expired, keys rotated): the page must get a new identity. */
  onIdentityRejected: () => void;
  /**
   * The answer of the join that placed this identity a moment ago (the one-request join): shown
   * at once, and the first poll waits for its `refreshAfterMs`.
   */
  joined?: JoinResponse | undefined;
}

export interface WaitingRoom {
  status: Accessor<VisitorStatusResponse | undefined>;
  ticket: Accessor<QueueTicket | undefined>;
  /** True while trading the queue token for an access token. */
  admitting: Accessor<boolean>;
  /** A passing problem we keep retrying through (connection, too many shoppers inside). */
  notice: Accessor<ApiError | undefined>;
  /** A problem that stopped the waiting room; `retry` starts it again. */
  failure: Accessor<ApiError | undefined>;
  retry: () => void;
}

const TERMINAL: readonly VisitorStatus[] = ['soldout', 'closed'];
const MAX_BACKOFF_MS = 30_000;
/** More token refusals in a row than this means something is wrong that rejoining will not fix. */
const MAX_TOKEN_REFUSALS = 3;

const ticketOf = (joined: JoinResponse): QueueTicket => ({ queueToken: joined.queueToken, seq: joined.seq });

/** What a join says about the place, which is what /status would have said (core `visitorStatus`). */
const screenOf = ({ status, seq, position, etaSeconds, refreshAfterMs }: JoinResponse): VisitorStatusResponse => ({ status, seq, position, etaSeconds, refreshAfterMs });

/**
 * The waiting room as a small state machine on one poll loop: join once (or reuse the stored
 * ticket), show the join's answer as the first screen, poll /status at the pace the server sets
 * with `refreshAfterMs`, rejoin when told to (the pre-queue was drawn), and when the turn comes
 * trade the queue token for an access token.
 */
export function createWaitingRoom(options: WaitingRoomOptions): WaitingRoom {
  const { eventId, identity, joined } = options;
  const [ticket, setTicket] = createSignal(queueTicketStore.read(eventId, identity.userId) ?? (joined && ticketOf(joined)));
  const [status, setStatus] = createSignal<VisitorStatusResponse>();
  const [admitting, setAdmitting] = createSignal(false);
  const [notice, setNotice] = createSignal<ApiError>();
  const [failure, setFailure] = createSignal<ApiError>();
  const [stopped, setStopped] = createSignal(false);
  let delay = 1_000;
  let tokenRefusals = 0;

  const saveTicket = (next: QueueTicket | undefined) => {
    if (next) queueTicketStore.save(eventId, identity.userId, next);
    else queueTicketStore.forget(eventId, identity.userId);
    setTicket(next);
  };

  const showStatus = (value: VisitorStatus, refreshAfterMs: number) =>
    setStatus({ status: value, seq: ticket()?.seq ?? null, position: null, etaSeconds: null, refreshAfterMs });

  async function join(): Promise<JoinResponse> {
    try {
      const answer = await joinQueue(eventId, identity.idToken);
      saveTicket(ticketOf(answer));
      return answer;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'invalid_token' || apiError.code === 'unauthorized') {
        setStopped(true);
        options.onIdentityRejected();
      }
      throw apiError;
    }
  }

  async function admit(current: QueueTicket): Promise<void> {
    setAdmitting(true);
    try {
      const pass = await admitVisitor(eventId, current.queueToken);
      accessPassStore.save(eventId, identity.userId, pass);
      setStopped(true);
      options.onAdmitted();
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'not_ready') return; // the edge saw our turn a moment early; keep polling
      if (apiError.code === 'at_capacity') {
        setNotice(apiError);
        delay = (apiError.retryAfterSeconds ?? 3) * 1000;
        return;
      }
      throw apiError;
    } finally {
      setAdmitting(false);
    }
  }

  /** A join that came with the page's arrival, not yet shown: no request needed for its screen. */
  let firstScreen = joined && ticket()?.queueToken === joined.queueToken ? joined : undefined;

  /**
   * One tick: the arrival's join answer if there is one, a join when there is no ticket, else a
   * poll. A join's answer is the screen until the next tick, `refreshAfterMs` later.
   */
  async function step(): Promise<void> {
    try {
      const held = ticket();
      if (held && firstScreen) {
        const answer = firstScreen;
        firstScreen = undefined;
        return await show(held, screenOf(answer));
      }
      if (!held) {
        const answer = await join();
        return await show(ticketOf(answer), screenOf(answer));
      }
      const next = await fetchVisitorStatus(eventId, held.queueToken);
      tokenRefusals = 0;
      await show(held, next);
    } catch (error) {
      handle(toApiError(error));
    }
  }

  /** Shows what the server said about our place and acts on it. */
  async function show(current: QueueTicket, next: VisitorStatusResponse): Promise<void> {
    setNotice(undefined);
    if (next.rejoin) {
      saveTicket(undefined);
      delay = 500;
      return;
    }
    if (current.firstPosition === undefined && next.position !== null) {
      saveTicket({ ...current, firstPosition: next.position });
    }
    setStatus(next);
    delay = next.refreshAfterMs;
    if (next.status === 'ready' || next.status === 'admitted') await admit(current);
    else if (TERMINAL.includes(next.status)) setStopped(true);
  }

  function handle(error: ApiError): void {
    switch (error.code) {
      case 'invalid_token':
      case 'wrong_event':
      case 'wrong_token_type':
        // The queue token is stale (expired, or from before a key rotation). Rejoining with the
        // same identity gives back the same place, so nothing is lost.
        if (++tokenRefusals > MAX_TOKEN_REFUSALS) return fail(error);
        saveTicket(undefined);
        delay = 500;
        return;
      case 'members_only':
        setStopped(true);
        return options.onMembersOnly();
      case 'not_started':
        showStatus('scheduled', 0);
        delay = Math.min(MAX_BACKOFF_MS, Math.max(1_000, options.opensAt - Date.now()));
        return;
      case 'event_paused':
        showStatus('paused', 5_000);
        delay = 5_000;
        return;
      case 'sold_out':
      case 'event_closed':
        showStatus(error.code === 'sold_out' ? 'soldout' : 'closed', 0);
        setStopped(true);
        return;
      case 'rate_limited':
        setNotice(error);
        delay = (error.retryAfterSeconds ?? 10) * 1000;
        return;
      default:
        if (!error.outcomeUnknown) return fail(error);
        setNotice(error);
        delay = Math.min(MAX_BACKOFF_MS, Math.max(2_000, delay * 2));
    }
  }

  function fail(error: ApiError): void {
    setFailure(error);
    setStopped(true);
  }

  createPoller({ run: step, delayMs: () => delay, leading: true, enabled: () => !stopped() });

  return {
    status,
    ticket,
    admitting,
    notice,
    failure,
    retry() {
      tokenRefusals = 0;
      setFailure(undefined);
      setNotice(undefined);
      setStopped(false);
    },
  };
}
