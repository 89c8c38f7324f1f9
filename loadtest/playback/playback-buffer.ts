/**
 * A player's buffer on the wall clock, as the QoE figures need it (live-cdk-facts §3.1): startup
 * is play intent → the first segment downloaded and buffered (the first-frame proxy); after that
 * the playhead moves at wall speed while media is buffered, and a stall starts the moment the
 * buffer runs dry and ends when the next segment is appended (hls.js resumes as soon as there is
 * media at the playhead). Pure: every call carries its time (ms), so tests drive it with numbers.
 */
export interface PlaybackFigures {
  /** Play intent → first segment buffered; undefined when playback never started. */
  startupMs: number | undefined;
  /** Wall time the playhead moved. */
  playMs: number;
  /** Wall time spent stalled after startup (startup itself is not a stall). */
  stallMs: number;
  stalls: number;
  /** Media buffered ahead of the playhead at the last call. */
  bufferedMs: number;
}

export type PlaybackBuffer = ReturnType<typeof createPlaybackBuffer>;

export function createPlaybackBuffer(intentAt: number) {
  let startedAt: number | undefined;
  let at = intentAt;
  let bufferedMs = 0;
  let stalled = false;
  let playMs = 0;
  let stallMs = 0;
  let stalls = 0;

  /** Accounts the wall time from the last call to `now`. */
  function advance(now: number): void {
    const elapsed = Math.max(0, now - at);
    at = Math.max(at, now);
    if (startedAt === undefined || elapsed === 0) return;
    if (stalled) {
      stallMs += elapsed;
      return;
    }
    const played = Math.min(elapsed, bufferedMs);
    playMs += played;
    bufferedMs -= played;
    if (elapsed > played) {
      // The buffer ran dry `played` ms in: a stall began then, not at this call.
      stalled = true;
      stalls += 1;
      stallMs += elapsed - played;
    }
  }

  return {
    /** A segment of `durationMs` of media downloaded and appended at `now`. */
    append(durationMs: number, now: number): void {
      advance(now);
      if (startedAt === undefined) startedAt = Math.max(now, intentAt);
      bufferedMs += durationMs;
      stalled = false;
    },
    /** The figures with the time up to `now` accounted. */
    figures(now: number): PlaybackFigures {
      advance(now);
      return { startupMs: startedAt === undefined ? undefined : startedAt - intentAt, playMs, stallMs, stalls, bufferedMs };
    },
    isStalled: () => stalled,
    started: () => startedAt !== undefined,
  };
}
