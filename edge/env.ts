import type { ClaimsByKind } from '../core/index.js';

/** The edge app's one Env type. */
export interface EdgeEnv {
  Variables: {
    /** Set first (`observeRequests`): the caller's well-formed `x-request-id` or a fresh one; sent on to the origin. */
    requestId: string;
    queueClaims: ClaimsByKind['queue'];
    accessClaims: ClaimsByKind['access'];
  };
}
