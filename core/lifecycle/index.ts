export { eventPhase, prequeueStartsAt, type EventPhase, type EventSchedule } from './event-phase.js';
export { eventStatus, eventTransitions, canTransition, sellsPlaces, firmPlacesLeft, type ItemPlaces, type LifecycleFacts } from './event-lifecycle.js';
export { visitorStatus } from './visitor-status.js';
