import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../../core/index.js';
import { createBufferedStdout, type BufferedStdout } from '../../core/node/buffered-stdout.js';

export type { Logger };
export type LogLevel = Level | 'silent';

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
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Where the process logger writes: each line at once (a frozen Lambda sandbox loses nothing), until `bufferProcessLog`. */
let processOut: DestinationStream = pino.destination({ dest: 1, sync: true });

/** One process, one logger (as `originMetrics`): background work logs here; `buildOrigin` sets its level. */
export const log = createLogger({ destination: { write: (line: string) => processOut.write(line) } });

/**
 * For the Node server: the process logger's lines are gathered into 4 KB writes (core
 * `createBufferedStdout`); call `flush` before exiting.
 */
export function bufferProcessLog(): BufferedStdout {
  const buffered = createBufferedStdout();
  processOut = buffered.stream;
  return buffered;
}
