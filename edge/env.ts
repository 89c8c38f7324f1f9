import type { ClaimsByKind } from '../core/index.js';

/** The edge app's one Env type. */
export interface EdgeEnv {
  Variables: {
    queueClaims: ClaimsByKind['queue'];
    accessClaims: ClaimsByKind['access'];
  };
}
