import type { ClaimsByKind } from '../../core/index.js';

/** The origin app's one Env type. */
export interface OriginEnv {
  Variables: {
    /** Set first (`observeRequests`): the caller's well-formed `x-request-id` or a fresh one. */
    requestId: string;
    idClaims: ClaimsByKind['id'];
    queueClaims: ClaimsByKind['queue'];
    accessClaims: ClaimsByKind['access'];
  };
}
