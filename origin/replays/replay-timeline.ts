import type { TimelineEntry } from '../../core/index.js';
import type { PinRecord } from '../ledger/ledger.js';

/**
 * How long before a show the pin history is read: a product pinned up to a day before the show
 * started and taken off during it is still on its timeline (the history read from a time holds
 * the pins made since, plus those still featured).
 */
export const PIN_LOOKBACK_MS = 24 * 3600_000;

/** A pin as shown during a window: its clipped start and end (ms), and its place on the timeline. */
export interface ClippedPin {
  pin: PinRecord;
  startMs: number;
  endMs: number;
}

/**
 * The pins on screen during [startedAt, endedAt), in pin order (the history's: by `pinnedAt`): a
 * pin made at or after the end, or taken off at or before the start, was never shown in it.
 */
export function clipPins(pins: readonly PinRecord[], startedAt: string, endedAt: string): ClippedPin[] {
  const from = Date.parse(startedAt);
  const to = Date.parse(endedAt);
  const clipped: ClippedPin[] = [];
  for (const pin of pins) {
    const pinnedMs = Date.parse(pin.pinnedAt);
    const unpinnedMs = pin.unpinnedAt === undefined ? Infinity : Date.parse(pin.unpinnedAt);
    if (!(pinnedMs < to) || !(unpinnedMs > from)) continue;
    clipped.push({ pin, startMs: Math.max(pinnedMs, from), endMs: Math.min(unpinnedMs, to) });
  }
  return clipped;
}

/** The replay's product timeline: each pin with its offset in seconds from the replay's start. */
export function replayTimeline(pins: readonly PinRecord[], startedAt: string, endedAt: string): TimelineEntry[] {
  const from = Date.parse(startedAt);
  return clipPins(pins, startedAt, endedAt).map(({ pin, startMs }) => ({
    eventId: pin.eventId,
    itemId: pin.itemId,
    offsetSeconds: (startMs - from) / 1000,
    pinnedAt: pin.pinnedAt,
    ...(pin.unpinnedAt !== undefined && { unpinnedAt: pin.unpinnedAt }),
  }));
}
