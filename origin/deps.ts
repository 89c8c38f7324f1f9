import type { Clock, TokenSettings } from '../core/index.js';
import type { AdmissionQueue } from './admission/admission-queue.js';
import type { ChannelService } from './channels/channel-service.js';
import type { PlaybackTokenSigner } from './channels/playback-tokens.js';
import type { createSimulatedHls } from './channels/simulated-hls.js';
import type { ExternalIdentityVerifier } from './identity/oidc-verifier.js';
import type { IdGenerator } from './ids.js';
import type { InventoryGate } from './inventory/inventory-gate.js';
import type { Ledger } from './ledger/ledger.js';
import type { OwnerLease } from './bookings/owner-lease.js';
import type { QoeStore } from './qoe/qoe-store.js';
import type { SigningKeyControl } from './tokens/signing-key-control.js';
import type { Logger } from './logging/log.js';
import type { ReplayPlays } from './replays/replay-plays.js';
import type { OriginMetrics } from './metrics/origin-metrics.js';
import type { TokenIssuer } from './tokens/token-issuer.js';

export interface OriginSettings extends TokenSettings {
  /** Operator bearer token, compared in constant time. */
  adminToken: string;
  idTokenSeconds: number;
  /** Logins waiting for one of the two scrypt slots; past it a login is refused 429 at once. */
  loginQueue: number;
  queueTokenSeconds: number;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  /**
   * How long a booking attempt (or a cancel) may take from its journal entry to its last write;
   * after that the reconciler may finish or abort it (docs/decisions/0006).
   */
  bookingTimeoutMs: number;
  /** How long a counter must disagree with its bookings, unchanged, before a recount fixes it. */
  driftSettleMs: number;
  /**
   * How long the reconciler keeps visiting a closed event after it closed or was last touched (a
   * cancel); after a clean pass past it the event is set aside as settled. Never less than
   * `bookingTimeoutMs` in effect (docs/decisions/0006, "Which events a pass visits").
   */
  closedWatchMs: number;
  /** How often, across every instance, one pass also checks settled events' journals and counters. */
  reconcileSweepMs: number;
}

/** Every port the origin needs; only `origin/main.ts` builds real ones. */
export interface OriginDeps {
  clock: Clock;
  ids: IdGenerator;
  queue: AdmissionQueue;
  gate: InventoryGate;
  ledger: Ledger;
  tokens: TokenIssuer;
  /** This instance's lease on the booking attempts it journals; without it they wait for their deadline. */
  lease?: OwnerLease;
  /** Asks for one event's reconciliation soon (a booking met places held by attempts that may be dead). */
  settleSoon?: (eventId: string) => void;
  /** The shared key set's rotation and following; absent where keys are fixed (some tests). */
  signingKeys?: SigningKeyControl;
  /** The configured channels as documents: stream status, featured products, counts (`channels/channel-service.ts`). */
  channels: ChannelService;
  /** Playback quality beacons, summed per channel per minute (`qoe/`); absent: no QoE routes. */
  qoe?: QoeStore;
  /** Replays' plays, counted once per viewer per 30 min; in memory when not given (one process only). */
  replayPlays?: ReplayPlays;
  /** Signs private channels' playback tokens (ES384, IVS's format); absent: no playback-token route. */
  playback?: PlaybackTokenSigner;
  /** Simulated live HLS for the local stack's channels; absent when channels play from IVS. */
  hls?: ReturnType<typeof createSimulatedHls>;
  /** An external OpenID Connect provider whose id tokens are accepted beside ours (optional). */
  oidc?: ExternalIdentityVerifier;
  /** Where requests, the drop funnel and the queue are counted; the process-wide `originMetrics` by default. */
  metrics?: OriginMetrics;
  /** Where one line per request goes (`buildOrigin` sets it); unset, only faults are logged, to the process-wide `log`. */
  log?: Logger;
  settings: OriginSettings;
}

export const defaultOriginSettings: Omit<OriginSettings, 'adminToken'> = {
  issuer: 'banjjak-origin',
  audience: 'banjjak',
  idTokenSeconds: 30 * 24 * 3600,
  queueTokenSeconds: 12 * 3600,
  maxBodyBytes: 16 * 1024,
  bookingTimeoutMs: 30_000,
  driftSettleMs: 30_000,
  closedWatchMs: 10 * 60_000,
  reconcileSweepMs: 3_600_000,
  loginQueue: 32,
};
