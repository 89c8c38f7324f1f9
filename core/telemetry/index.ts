export { REQUEST_ID_HEADER, isWellFormedRequestId, requestIdFor } from './request-id.js';
export { observeRequests, methodLabel, type ObservedContext, type ObserveRequestsOptions, type RequestLine } from './observe-requests.js';
export { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from './log-redaction.js';
