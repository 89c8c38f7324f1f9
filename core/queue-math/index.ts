export { refreshAfterMs, STATE_REFRESH_MS, MIN_REFRESH_MS, MAX_REFRESH_MS } from './refresh-policy.js';
export { position, etaSeconds } from './position.js';
