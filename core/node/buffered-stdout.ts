import { pino } from 'pino';

/** Bytes gathered before a write: about 15 request lines. */
const MIN_WRITE_BYTES = 4_096;
/** The longest a line waits in the buffer while traffic is light. */
const FLUSH_EVERY_MS = 1_000;

export interface BufferedStdout {
  stream: ReturnType<typeof pino.destination>;
  /** Writes what is buffered, synchronously: call it before the process exits. */
  flush(): void;
}

/**
 * stdout for a Node server's pino logger: lines are gathered up to 4 KB (or 1 s) and written in
 * one call, instead of one write per line. With a line per request, a write per line cost half of
 * the edge's `/status` throughput (`npm run bench:loadtest`, BENCHMARKS.md). A Lambda keeps
 * writing each line synchronously: a frozen sandbox would lose a buffer.
 */
export function createBufferedStdout(): BufferedStdout {
  const stream = pino.destination({ dest: 1, sync: false, minLength: MIN_WRITE_BYTES });
  const timer = setInterval(() => stream.flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    stream,
    flush() {
      clearInterval(timer);
      try {
        stream.flushSync();
      } catch {
        // Nothing buffered, or stdout already closed: nothing more can be written.
      }
    },
  };
}
