import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../../core/index.js';

export type { Logger };
export type LogLevel = Level | 'silent';

/** The request being served, so a line logged deep in a booking still names its request. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (the rest of the request's chain) with `requestId` on every line it logs. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

export interface LoggerOptions {
  level?: LogLevel;
  /** @default stdout, written synchronously (a frozen Lambda sandbox loses nothing) */
  destination?: DestinationStream;
}

/** JSON lines with the credentials a line could carry censored (core `LOG_REDACT_PATHS`). */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { role: 'origin' },
      redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACT_CENSOR },
      mixin: () => requestScope.getStore() ?? {},
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** One process, one logger (as `originMetrics`): background work logs here; `buildOrigin` sets its level. */
export const log = createLogger();
