import type { ClaimsByKind } from '../../core/index.js';

/** The origin app's one Env type. */
export interface OriginEnv {
  Variables: {
    idClaims: ClaimsByKind['id'];
    queueClaims: ClaimsByKind['queue'];
    accessClaims: ClaimsByKind['access'];
  };
}
