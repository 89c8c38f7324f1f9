/**
 * What EventBridge schedules send the origin Lambda. A plain schedule arrives as a Scheduled Event
 * (`source: 'aws.events'`) and runs the upkeep; the key rotation schedule sends this input instead.
 */
export const ROTATE_SIGNING_KEYS_EVENT = { action: 'rotate-signing-keys' } as const;

export const isRotationEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { action?: unknown }).action === ROTATE_SIGNING_KEYS_EVENT.action;

export const isScheduledEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.events';
