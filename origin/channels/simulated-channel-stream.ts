import type { ChannelConfig } from './channel-config.js';
import type { ChannelStream, LiveStatus } from './channel-stream.js';

export interface SimulatedChannelStreamOptions {
  channels: readonly ChannelConfig[];
  /** Concurrent viewers of a channel as the local stack counts them; null when it has no figure. */
  viewers: (channelId: string) => Promise<number | null>;
  /** Reports a failed viewer count (the status then says null rather than failing). */
  onError?: (error: unknown, operation: string) => void;
}

/** The playlist the origin's simulated HLS serves for a channel. */
export const simulatedPlaybackUrl = (channelId: string) => `/hls/${encodeURIComponent(channelId)}/master.m3u8`;

/**
 * The local stack's channels: always live, played from the origin's own HLS. Pins need no sending:
 * the simulated playlists read the pin history from the ledger.
 */
export function createSimulatedChannelStream(options: SimulatedChannelStreamOptions): ChannelStream {
  const known = new Set(options.channels.map((channel) => channel.id));

  async function viewers(channelId: string): Promise<number | null> {
    try {
      return await options.viewers(channelId);
    } catch (error) {
      options.onError?.(error, 'viewers');
      return null;
    }
  }

  return {
    async status(channelId): Promise<LiveStatus | undefined> {
      if (!known.has(channelId)) return undefined;
      return { status: 'live', viewers: await viewers(channelId), playbackUrl: simulatedPlaybackUrl(channelId) };
    },
    async announce() {},
    close() {},
  };
}
