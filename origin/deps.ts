import type { Clock, TokenSettings } from '../core/index.js';
import type { AdmissionQueue } from './admission/admission-queue.js';
import type { ChannelDirectory } from './channels/channel-directory.js';
import type { createSimulatedHls } from './channels/simulated-hls.js';
import type { ExternalIdentityVerifier } from './identity/oidc-verifier.js';
import type { IdGenerator } from './ids.js';
import type { InventoryGate } from './inventory/inventory-gate.js';
import type { Ledger } from './ledger/ledger.js';
import type { TokenIssuer } from './tokens/token-issuer.js';
import type { AppMetrics } from './metrics/app-metrics.js';

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
}

/** Every port the origin needs; only `origin/main.ts` builds real ones. */
export interface OriginDeps {
  clock: Clock;
  ids: IdGenerator;
  queue: AdmissionQueue;
  gate: InventoryGate;
  ledger: Ledger;
  tokens: TokenIssuer;
  channels: ChannelDirectory;
  /** Simulated live HLS for the local stack's channels; absent when channels play from IVS. */
  hls?: ReturnType<typeof createSimulatedHls>;
  /** An external OpenID Connect provider whose id tokens are accepted beside ours (optional). */
  oidc?: ExternalIdentityVerifier;
  /** Where the drop funnel is counted; the process-wide counters (`appMetrics`) by default. */
  metrics?: AppMetrics;
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
  loginQueue: 32,
};
