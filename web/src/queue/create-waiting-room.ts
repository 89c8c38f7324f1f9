import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { JoinResponse, VisitorStatus, VisitorStatusResponse } from '../../../core/index.js';
import { toApiError, type ApiError } from '../api/api-error.js';
import { accessPassStore } from '../access/access-pass-store.js';
import type { Identity } from '../identity/identity-store.js';
import { backoffDelay } from '../live/backoff-delay.js';
import { createPoller } from '../live/create-poller.js';
import { makeTabLeader } from '../live/make-tab-leader.js';
import { browserTabLocks, broadcastTabChannel } from '../live/tab-transport.js';
import { addSample, estimateWait, type PositionSample, type WaitRange } from './estimate-wait.js';
import { admitVisitor, fetchVisitorStatus, joinQueue } from './queue-api.js';
import { queueTicketStore, type QueueTicket } from './queue-ticket-store.js';
import { carryPlace, rememberPosition, shownPosition } from './remember-position.js';

export interface WaitingRoomOptions {
  eventId: string;
  identity: Identity;
  /** When the line opens (pre-queue start), to wait for it without polling every second. */
  opensAt: number;
  onAdmitted: () => void;
  onMembersOnly: () => void;
  /** The id token itself was refused (expired, keys rotated): the page must get a new identity. */
  onIdentityRejected: () => void;
  /** The visitor left the line (in this tab or another one). */
  onLeft: () => void;
  /**
   * The answer of the join that placed this identity a moment ago (the one-request join): shown
   * at once, and the first poll waits for its `refreshAfterMs`.
   */
  joined?: JoinResponse | undefined;
}

export interface WaitingRoom {
  /** The latest answer, its position never above the lowest seen for this place. */
  status: Accessor<VisitorStatusResponse | undefined>;
  ticket: Accessor<QueueTicket | undefined>;
  /** How long until our turn, as a range measured from how fast our own position drops. */
  wait: Accessor<WaitRange | undefined>;
  /** True while trading the queue token for an access token. */
  admitting: Accessor<boolean>;
  /** The connection dropped: we keep retrying (and the place is kept meanwhile). */
  offline: Accessor<boolean>;
  /** A passing problem we keep retrying through (too many shoppers inside, server trouble). */
  notice: Accessor<ApiError | undefined>;
  /** A problem that stopped the waiting room; `retry` starts it again. */
  failure: Accessor<ApiError | undefined>;
  retry: () => void;
  /** Forgets the place (and any pass) on this device and stops; the server lets it lapse. */
  leave: () => void;
}

/** What the polling tab tells the others; a follower asks once when it opens. */
type RoomMessage =
  | { type: 'status'; ticket: QueueTicket; status: VisitorStatusResponse; at: number }
  | { type: 'ask' }
  | { type: 'admitted' }
  | { type: 'left' };

const TERMINAL: readonly VisitorStatus[] = ['soldout', 'closed'];
const MAX_BACKOFF_MS = 30_000;
/** More token refusals in a row than this means something is wrong that rejoining will not fix. */
const MAX_TOKEN_REFUSALS = 3;
/** A hidden tab keeps polling only when its turn may come within this (to alert the visitor). */
const NEAR_TURN_SECONDS = 120;

const ticketOf = (joined: JoinResponse): QueueTicket => ({ queueToken: joined.queueToken, seq: joined.seq });

/** What a join says about the place, which is what /status would have said (core `visitorStatus`). */
const screenOf = ({ status, seq, position, etaSeconds, refreshAfterMs }: JoinResponse): VisitorStatusResponse => ({ status, seq, position, etaSeconds, refreshAfterMs });

/**
 * The waiting room as a small state machine on one poll loop: join once (or reuse the stored
 * ticket), show the join's answer as the first screen, poll /status at the pace the server sets
 * with `refreshAfterMs`, rejoin when told to (the pre-queue was drawn), and when the turn comes
 * trade the queue token for an access token. Only one tab of the browser polls (the leader); the
 * others show what it publishes. A hidden tab stops polling unless its turn is near.
 */
export function createWaitingRoom(options: WaitingRoomOptions): WaitingRoom {
  const { eventId, identity, joined } = options;
  const [ticket, setTicket] = createSignal(queueTicketStore.read(eventId, identity.userId) ?? (joined && ticketOf(joined)));
  const [answer, setAnswer] = createSignal<VisitorStatusResponse>();
  const [samples, setSamples] = createSignal<PositionSample[]>([]);
  const [admitting, setAdmitting] = createSignal(false);
  const [offline, setOffline] = createSignal(false);
  const [notice, setNotice] = createSignal<ApiError>();
  const [failure, setFailure] = createSignal<ApiError>();
  const [stopped, setStopped] = createSignal(false);
  const [leading, setLeading] = createSignal(false);
  let delay = 1_000;
  let failures = 0;
  let tokenRefusals = 0;
  /** The held ticket is stale (refused token, or the server asked us to rejoin): join before polling. */
  let mustJoin = false;
  /** The tick on its way, if any: the lock passes to another tab only once it is done. */
  let polling: Promise<void> | undefined;

  const status = createMemo(() => {
    const current = answer();
    return current && { ...current, position: shownPosition(ticket(), current.position) };
  });
  const wait = createMemo(() => estimateWait(samples(), status()?.position ?? null, status()?.etaSeconds));

  const saveTicket = (next: QueueTicket | undefined) => {
    if (next) queueTicketStore.save(eventId, identity.userId, next);
    else queueTicketStore.forget(eventId, identity.userId);
    setTicket(next);
  };

  /** Shows an answer (ours or the leader's) and learns the drain rate from it. */
  const display = (current: QueueTicket, next: VisitorStatusResponse, at: number) => {
    setTicket(current);
    setAnswer(next);
    const position = shownPosition(current, next.position);
    if (position !== null) setSamples((previous) => addSample(previous, { at, position }));
  };

  const showStatus = (value: VisitorStatus, refreshAfterMs: number) =>
    setAnswer({ status: value, seq: ticket()?.seq ?? null, position: null, etaSeconds: null, refreshAfterMs });

  const group = makeTabLeader<RoomMessage>({
    name: `banjjak.queue.${identity.userId}.${eventId}`,
    locks: browserTabLocks(),
    channel: broadcastTabChannel(`banjjak.queue.${identity.userId}.${eventId}`),
    onLead: () => setLeading(true),
    onFollow: () => setLeading(false),
    drain: () => polling,
    onMessage(message) {
      if (message.type === 'ask') {
        const current = answer();
        const held = ticket();
        if (group.leading && current && held) group.publish({ type: 'status', ticket: held, status: current, at: Date.now() });
      } else if (message.type === 'status') {
        if (!group.leading) display(message.ticket, message.status, message.at);
      } else if (message.type === 'admitted') {
        setStopped(true);
        options.onAdmitted();
      } else {
        stopHere();
        options.onLeft();
      }
    },
  });

  async function join(): Promise<JoinResponse> {
    try {
      const response = await joinQueue(eventId, identity.idToken);
      saveTicket(carryPlace(ticket(), ticketOf(response)));
      mustJoin = false;
      return response;
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
      group.publish({ type: 'admitted' });
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
   * One tick: the arrival's join answer if there is one, a join when there is no usable ticket,
   * else a poll. A join's answer is the screen until the next tick, `refreshAfterMs` later.
   */
  async function step(): Promise<void> {
    try {
      const held = ticket();
      if (held && firstScreen && !mustJoin) {
        const response = firstScreen;
        firstScreen = undefined;
        return await show(held, screenOf(response));
      }
      if (!held || mustJoin) {
        const response = await join();
        return await show(ticket() ?? ticketOf(response), screenOf(response));
      }
      const next = await fetchVisitorStatus(eventId, held.queueToken);
      tokenRefusals = 0;
      await show(held, next);
    } catch (error) {
      handle(toApiError(error));
    }
  }

  /** Shows what the server said about our place, tells the other tabs, and acts on it. */
  async function show(current: QueueTicket, next: VisitorStatusResponse): Promise<void> {
    if (stopped()) return; // left the line while this answer was on its way
    failures = 0;
    setOffline(false);
    setNotice(undefined);
    if (next.rejoin) {
      mustJoin = true;
      delay = 500;
      return;
    }
    const remembered = rememberPosition(current, next.position);
    if (remembered !== current) saveTicket(remembered);
    const at = Date.now();
    display(remembered, next, at);
    group.publish({ type: 'status', ticket: remembered, status: next, at });
    delay = next.refreshAfterMs;
    if (next.status === 'ready' || next.status === 'admitted') await admit(remembered);
    else if (TERMINAL.includes(next.status)) setStopped(true);
  }

  function handle(error: ApiError): void {
    switch (error.code) {
      case 'invalid_token':
      case 'wrong_event':
      case 'wrong_token_type':
        // The queue token is stale (expired, or from before a key rotation). Rejoining with the
        // same identity gives back the same place (and carryPlace keeps its lowest position).
        if (++tokenRefusals > MAX_TOKEN_REFUSALS) return fail(error);
        mustJoin = true;
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
        // Connection lost or server trouble: back off (with jitter, so a crowd that lost the
        // network together does not return together) and say calmly that the place is kept.
        if (error.code === 'network_error') setOffline(true);
        else setNotice(error);
        delay = backoffDelay(++failures, { capMs: MAX_BACKOFF_MS });
    }
  }

  function fail(error: ApiError): void {
    setFailure(error);
    setStopped(true);
  }

  const run = () => {
    polling = step().finally(() => (polling = undefined));
    return polling;
  };
  const loop = createPoller({ run, delayMs: () => delay, leading: true, enabled: () => leading() && !stopped() });

  // Lead (poll) while the tab is visible, or hidden with the turn near so the alert can fire.
  const turnNear = () => {
    const range = wait();
    return range !== undefined && range.highSeconds <= NEAR_TURN_SECONDS;
  };
  const seekOrYield = () => {
    if (stopped()) return group.yield();
    if (document.visibilityState !== 'hidden' || turnNear()) group.seek();
    else group.yield();
  };
  const onOnline = () => {
    failures = 0;
    loop.runNow();
  };
  document.addEventListener('visibilitychange', seekOrYield);
  window.addEventListener('online', onOnline);
  seekOrYield();
  group.publish({ type: 'ask' });
  // Re-check as the wait shrinks: a hidden tab takes the lead back when its turn comes near.
  createEffect(() => {
    turnNear();
    stopped();
    seekOrYield();
  });
  onCleanup(() => {
    document.removeEventListener('visibilitychange', seekOrYield);
    window.removeEventListener('online', onOnline);
    group.close();
  });

  function stopHere(): void {
    setStopped(true);
    group.yield();
  }

  return {
    status,
    ticket,
    wait,
    admitting,
    offline,
    notice,
    failure,
    retry() {
      tokenRefusals = 0;
      failures = 0;
      setFailure(undefined);
      setNotice(undefined);
      setStopped(false);
    },
    leave() {
      stopHere();
      saveTicket(undefined);
      accessPassStore.forget(eventId, identity.userId);
      group.publish({ type: 'left' });
      options.onLeft();
    },
  };
}
