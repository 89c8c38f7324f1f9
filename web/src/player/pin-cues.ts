import type { FeaturedProduct } from '../../../core/index.js';

/** The class of the EXT-X-DATERANGE tags that carry a pin (simulated channels and replays). */
export const PIN_CLASS = 'com.banjjak.pin';

/** When a DATERANGE pin was pinned: its ID is `pin:<epoch ms>:<eventId>:<itemId>` (origin/channels/hls-playlists.ts). */
export function pinnedAtOfCue(id: string): number | undefined {
  const match = /^pin:(\d+):/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** A metadata cue as hls.js makes them: one per DATERANGE attribute (`value.key`), or one per ID3 frame. */
export interface MetadataCue {
  id: string;
  startTime: number;
  value?: { key?: string; data?: unknown; info?: string };
}

/**
 * The products pinned at the playhead, in the order they were pinned, from the stream's own cues:
 * the DATERANGE pins of simulated channels and replays (X-EVENT-ID, X-ITEM-ID attributes of one
 * range), or the latest IVS timed-metadata frame `{"t":"pins","p":[[eventId,itemId],...]}`.
 */
export function pinsFromCues(cues: readonly MetadataCue[]): FeaturedProduct[] | undefined {
  const ranges = new Map<string, { startTime: number; eventId?: string; itemId?: string }>();
  let latestFrame: { startTime: number; pins: FeaturedProduct[] } | undefined;
  for (const cue of cues) {
    const key = cue.value?.key;
    const data = cue.value?.data;
    if ((key === 'X-EVENT-ID' || key === 'X-ITEM-ID') && typeof data === 'string') {
      const range = ranges.get(cue.id) ?? { startTime: cue.startTime };
      if (key === 'X-EVENT-ID') range.eventId = data;
      else range.itemId = data;
      ranges.set(cue.id, range);
      continue;
    }
    const frame = typeof data === 'string' ? parsePinFrame(data) : undefined;
    if (frame && (!latestFrame || cue.startTime >= latestFrame.startTime)) latestFrame = { startTime: cue.startTime, pins: frame };
  }
  if (latestFrame) return latestFrame.pins;
  if (ranges.size === 0) return undefined;
  return [...ranges.values()]
    .filter((range): range is { startTime: number; eventId: string; itemId: string } => Boolean(range.eventId && range.itemId))
    .sort((a, b) => a.startTime - b.startTime)
    .map(({ eventId, itemId }) => ({ eventId, itemId }));
}

/** An IVS timed-metadata frame of pins, or undefined for any other text. */
export function parsePinFrame(text: string): FeaturedProduct[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || (value as { t?: unknown }).t !== 'pins') return undefined;
    const pins = (value as { p?: unknown }).p;
    if (!Array.isArray(pins)) return undefined;
    return pins
      .filter((pin): pin is [string, string] => Array.isArray(pin) && typeof pin[0] === 'string' && typeof pin[1] === 'string')
      .slice(0, 3)
      .map(([eventId, itemId]) => ({ eventId, itemId }));
  } catch {
    return undefined;
  }
}
