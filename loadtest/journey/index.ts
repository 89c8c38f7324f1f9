/** The web app's visitor journey, shared by the native runner and the Artillery processor. */
export { arriveInLine, type Arrival, type Identity } from './arrive-in-line.js';
export { askAdmission } from './ask-admission.js';
export { bookItem, bookPlace, newIdempotencyKey, replayBooking } from './book-place.js';
export type { JourneyContext } from './journey-context.js';
export type { AdmitAsk, AskResult, JourneyLog, Outcome, ReplayCheck, SeenBooking, VisitorRecord } from './journey-log.js';
export { jitter, sleep, webTimings } from './pace.js';
export { isRunStop, visitorJourney } from './visitor-journey.js';
export { waitInLine, type Access } from './wait-in-line.js';
