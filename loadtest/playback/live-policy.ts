import type { MediaPlaylist, MediaSegment, Variant } from './hls-playlist.js';

/** hls.js `liveSyncDurationCount`: a live stream starts this many target durations behind its edge. */
export const LIVE_SYNC_DURATION_COUNT = 3;

export const renditionPolicies = ['lowest', 'highest', 'mixed'] as const;
export type RenditionPolicy = (typeof renditionPolicies)[number];

/**
 * The variant a viewer plays: the lowest or the highest `BANDWIDTH`, or, for `mixed`, the variants
 * in turn by viewer number (an even split of the crowd over the renditions).
 */
export function chooseVariant(variants: readonly Variant[], policy: RenditionPolicy, viewer: number): Variant {
  const sorted = [...variants].sort((a, b) => a.bandwidth - b.bandwidth);
  const pick = policy === 'lowest' ? sorted[0] : policy === 'highest' ? sorted.at(-1) : sorted[viewer % sorted.length];
  if (!pick) throw new Error('no variant to choose from');
  return pick;
}

/**
 * The first segment to load: the one that holds the point `LIVE_SYNC_DURATION_COUNT` target
 * durations before the live edge (the end of the last listed segment); a VOD starts at its start.
 */
export function startSequence(playlist: MediaPlaylist): number {
  const first = playlist.segments[0];
  if (!first) return playlist.mediaSequence;
  if (playlist.ended) return first.sequence;
  const edge = playlist.segments.reduce((sum, segment) => sum + segment.durationS, 0);
  const syncAt = Math.max(0, edge - LIVE_SYNC_DURATION_COUNT * playlist.targetDurationS);
  let end = 0;
  for (const segment of playlist.segments) {
    end += segment.durationS;
    if (end > syncAt) return segment.sequence;
  }
  return first.sequence;
}

/**
 * RFC 8216 §6.3.4: after a load that found the playlist new or changed, wait at least the target
 * duration before the next; after one that found it unchanged, half of it. Both measured from when
 * the last load began.
 */
export function reloadDelayMs(targetDurationS: number, changed: boolean): number {
  return targetDurationS * (changed ? 1000 : 500);
}

/** A live playlist changed when its window moved or grew. */
export function playlistChanged(before: MediaPlaylist, after: MediaPlaylist): boolean {
  const last = (playlist: MediaPlaylist) => playlist.segments.at(-1)?.sequence ?? playlist.mediaSequence - 1;
  return after.mediaSequence !== before.mediaSequence || last(after) !== last(before) || after.ended !== before.ended;
}

/**
 * The segment to load next: `wanted` if the playlist lists it, undefined if it is not published
 * yet; a viewer that fell behind the window (its segment slid out) jumps back to the live sync
 * point, as hls.js does, and `resynced` says so.
 */
export function nextSegment(playlist: MediaPlaylist, wanted: number): { segment: MediaSegment | undefined; resynced: boolean } {
  const first = playlist.segments[0];
  if (first && wanted < first.sequence) {
    const sequence = startSequence(playlist);
    return { segment: playlist.segments.find((segment) => segment.sequence === sequence), resynced: true };
  }
  return { segment: playlist.segments.find((segment) => segment.sequence === wanted), resynced: false };
}
