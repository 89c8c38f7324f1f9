import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/index.js';
import type { Ledger } from '../ledger/ledger.js';

/** How long an instance counts as alive after its last renewal. */
export const LEASE_TTL_MS = 3_000;
/** How often a live instance renews its lease. */
export const LEASE_RENEW_MS = 1_000;

/**
 * An instance's lease on the booking attempts it journals: renewed every second while it runs,
 * so once it dies (SIGKILL, a lost container) its attempts are known dead within LEASE_TTL_MS and
 * the reconciler settles them at once, not at their deadline (docs/decisions/0006).
 */
export interface OwnerLease {
  /** This instance's owner id, written on each journal entry it makes. */
  readonly owner: string;
  /** Extends the lease; a failure is reported, and the lease may lapse (its attempts are then fenced). */
  renew(): Promise<void>;
  /** Whether `owner` is known dead at `now`: its lease ran out (or was never written). */
  hasLapsed(owner: string, now: number): Promise<boolean>;
}

export function createOwnerLease(ledger: Pick<Ledger, 'renewLease' | 'leaseExpiry'>, clock: Clock): OwnerLease {
  const owner = `o_${randomBytes(9).toString('base64url')}`;
  return {
    owner,
    renew: () => ledger.renewLease(owner, clock.now() + LEASE_TTL_MS),
    async hasLapsed(other, now) {
      if (other === owner) return false;
      const expiry = await ledger.leaseExpiry(other);
      return expiry === undefined || expiry < now;
    },
  };
}
