import type { FeaturedProduct, Replay, TimelineEntry } from '../../../core/index.js';

/** Where a timeline entry stops being on screen, in seconds from the replay's start. */
function endOffset(replay: Replay, entry: TimelineEntry): number {
  return entry.unpinnedAt ? (Date.parse(entry.unpinnedAt) - Date.parse(replay.startedAt)) / 1000 : Number.POSITIVE_INFINITY;
}

/** The products on screen at `seconds` into the replay, in pin order. */
export function productsAt(replay: Replay, seconds: number): FeaturedProduct[] {
  return replay.timeline
    .filter((entry) => entry.offsetSeconds <= seconds && seconds < endOffset(replay, entry))
    .map(({ eventId, itemId }) => ({ eventId, itemId }));
}
