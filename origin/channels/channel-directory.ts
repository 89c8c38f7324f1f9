import type { ChannelView } from '../../core/index.js';

/** Live channels known to the origin. The embedded stack ships simulated ones; IVS comes later. */
export interface ChannelDirectory {
  list(): Promise<ChannelView[]>;
  get(channelId: string): Promise<ChannelView | undefined>;
}

export function createStaticChannelDirectory(channels: ChannelView[]): ChannelDirectory {
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  return {
    list: async () => [...byId.values()],
    get: async (channelId) => byId.get(channelId),
  };
}
