import type { QoeBeacon } from '../../../core/index.js';
/*
 * What one playback session reports (`POST /api/qoe`, `QoeBeacon` in core): the figures the origin
 * aggregates. Startup = play intent → first frame; rebuffering = stalls while playing, not counting
 * startup or seeks; rebuffer ratio = Σ stall / (play + stall), computed by the origin from the sums.
 */

export type QoeTarget = { channelId: string } | { replayId: string };

type Phase = 'idle' | 'starting' | 'playing' | 'stalled' | 'seeking' | 'paused';

/** Bounds of one beacon's fields (the API refuses a batch past them). */
const MAX_SPAN_MS = 600_000;
const MAX_STARTUP_MS = 120_000;
const MAX_ERRORS = 10;
const ERROR_CODE = /[^A-Za-z0-9_.:-]/g;

/**
 * The accounting of one playback session, fed with the player's events and the time they
 * happened; `flush(now)` takes what accumulated since the last beacon. Pure: no timers, no DOM.
 */
export function createQoeSession(target: QoeTarget, sessionId: string) {
  let phase: Phase = 'idle';
  let since = 0;
  let intentAt: number | undefined;
  let startupMs: number | undefined;
  let startupSent = false;
  let playedMs = 0;
  let rebufferMs = 0;
  let switches = 0;
  let kbps: number | undefined;
  let errors: { code: string; fatal: boolean }[] = [];

  /** Closes the current phase's span at `now`. */
  function settle(now: number) {
    const span = Math.max(0, now - since);
    if (phase === 'playing') playedMs += span;
    if (phase === 'stalled') rebufferMs += span;
    since = now;
  }
  function enter(next: Phase, now: number) {
    settle(now);
    phase = next;
  }

  return {
    /** The viewer asked to play (tap, or autoplay starting). */
    playIntent(now: number) {
      if (intentAt !== undefined) return;
      intentAt = now;
      enter('starting', now);
    },
    /** Frames are moving (the media element's `playing`). */
    playing(now: number) {
      if (phase === 'starting' && intentAt !== undefined && startupMs === undefined) startupMs = Math.min(MAX_STARTUP_MS, Math.max(0, now - intentAt));
      if (phase === 'idle' || phase === 'starting' || phase === 'stalled' || phase === 'seeking' || phase === 'paused') enter('playing', now);
    },
    /** The buffer ran dry (`waiting`): a stall only while playing. */
    waiting(now: number) {
      if (phase === 'playing') enter('stalled', now);
    },
    seeking(now: number) {
      if (phase !== 'idle' && phase !== 'starting') enter('seeking', now);
    },
    pause(now: number) {
      if (phase === 'playing' || phase === 'stalled' || phase === 'seeking') enter('paused', now);
    },
    /** A new rendition plays; the first one is not a switch. */
    bitrate(bitsPerSecond: number) {
      const next = Math.round(bitsPerSecond / 1000);
      if (kbps !== undefined && next !== kbps) switches += 1;
      kbps = next;
    },
    error(code: string, fatal: boolean) {
      if (errors.length < MAX_ERRORS) errors.push({ code: code.replace(ERROR_CODE, '_').slice(0, 64) || 'unknown', fatal });
    },
    /** The beacon for everything since the last one, or undefined when there is nothing to say. */
    flush(now: number): QoeBeacon | undefined {
      settle(now);
      const sendStartup = startupMs !== undefined && !startupSent;
      if (!sendStartup && playedMs === 0 && rebufferMs === 0 && switches === 0 && errors.length === 0) return undefined;
      const beacon: QoeBeacon = {
        ...target,
        sessionId,
        playedMs: Math.min(MAX_SPAN_MS, Math.round(playedMs)),
        rebufferMs: Math.min(MAX_SPAN_MS, Math.round(rebufferMs)),
        bitrateSwitches: Math.min(1000, switches),
      };
      if (sendStartup) beacon.startupMs = Math.round(startupMs ?? 0);
      if (kbps !== undefined) beacon.bitrateKbps = Math.min(100_000, kbps);
      if (errors.length > 0) beacon.errors = errors;
      startupSent ||= sendStartup;
      playedMs = 0;
      rebufferMs = 0;
      switches = 0;
      errors = [];
      return beacon;
    },
  };
}

export type QoeSession = ReturnType<typeof createQoeSession>;
