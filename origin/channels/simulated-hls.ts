import { AppError } from '../../core/index.js';
import { masterPlaylist, mediaPlaylist, windowStart, type StreamPin } from './hls-playlists.js';
import { loadSampleMedia, loadSegments } from './sample-media.js';

export { sampleMediaDir } from './sample-media.js';
export type { StreamPin } from './hls-playlists.js';

export interface HlsFile {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * The pins a live window starting at `sinceMs` shows: every pin still featured, whenever it was
 * made, and every pin made or taken off since (with `unpinnedAt`).
 */
export type PinsOf = (channelId: string, sinceMs: number) => Promise<StreamPin[]>;

export interface SimulatedHlsOptions {
  /** Folder with media.json and `<channel>/<rendition>/seg<N>.ts` (see sample-media/README.md). */
  mediaDir: string;
  /** Where the pins come from; without it the playlists carry none. */
  pinsOf?: PinsOf;
  /**
   * Segments in the live window, 6 by default: 12 s, twice the three target durations RFC 8216
   * §6.2.2 asks for, so a player that falls a little behind still finds its next segment.
   */
  windowSize?: number;
}

export type SimulatedHls = ReturnType<typeof createSimulatedHls>;

const PLAYLIST = 'application/vnd.apple.mpegurl';
const MEDIA_PLAYLIST = /^([\w-]+)\/index\.m3u8$/;

/**
 * Live HLS of the local stack's simulated channels: per channel a master playlist naming its
 * renditions (`master.m3u8`), a live media playlist per rendition (`<rendition>/index.m3u8`) whose
 * window slides with the wall clock and carries the channel's pins as EXT-X-DATERANGE tags, and
 * the segments (`<rendition>/seg<N>.ts`). The media is read when this is made, so a missing or
 * malformed file stops the start-up, and every request is served from memory.
 */
export function createSimulatedHls(options: SimulatedHlsOptions) {
  const windowSize = options.windowSize ?? 6;
  const media = loadSampleMedia(options.mediaDir);
  const segments = loadSegments(options.mediaDir, media);
  const master = masterPlaylist(media);
  const renditions = new Set(media.renditions.map((rendition) => rendition.name));

  async function livePlaylist(channelId: string, now: number): Promise<string> {
    const sinceMs = windowStart(media, windowSize, now) * media.segmentSeconds * 1000;
    const pins = options.pinsOf ? await options.pinsOf(channelId, sinceMs) : [];
    return mediaPlaylist(media, windowSize, now, pins);
  }

  return {
    /** The sample media's description (replays of these channels are windows of the same loop). */
    media,
    /** One file of a channel at `now`; an unknown channel, rendition or file is a 404 AppError. */
    async read(channelId: string, file: string, now: number): Promise<HlsFile> {
      if (!media.channels.includes(channelId)) throw new AppError('channel_not_found');
      if (file === 'master.m3u8') return { body: master, contentType: PLAYLIST };
      const playlist = MEDIA_PLAYLIST.exec(file);
      if (playlist && renditions.has(playlist[1]!)) return { body: await livePlaylist(channelId, now), contentType: PLAYLIST };
      const segment = segments.get(`${channelId}/${file}`);
      if (segment) return { body: segment, contentType: 'video/mp2t' };
      throw new AppError('not_found');
    },
  };
}
