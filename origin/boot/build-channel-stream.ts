import { IvsClient } from '@aws-sdk/client-ivs';
import type { ChannelConfig } from '../channels/channel-config.js';
import type { ChannelStream } from '../channels/channel-stream.js';
import { createIvsChannelStream } from '../channels/ivs-channel-stream.js';
import { createSimulatedChannelStream } from '../channels/simulated-channel-stream.js';

export interface BuildChannelStreamOptions {
  channels: readonly ChannelConfig[];
  region: string;
  /** Simulated channels' viewers (the distinct viewers of the last minute). */
  viewers: (channelId: string) => Promise<number | null>;
  onError: (error: unknown, operation: string) => void;
  /** A client of the caller's (tests); by default one for `region`. */
  ivsClient?: IvsClient;
}

/**
 * Channels with an IVS ARN play from Amazon IVS, the others are simulated (the local stack); a mix
 * is refused by the IVS adapter, naming the channels without an ARN.
 */
export function buildChannelStream(options: BuildChannelStreamOptions): ChannelStream {
  const { channels } = options;
  if (!channels.some((channel) => channel.ivsChannelArn)) return createSimulatedChannelStream({ channels, viewers: options.viewers });
  // The adapter paces and retries itself; a hung call would stall its poller (channels/README.md).
  const client = options.ivsClient ?? new IvsClient({ region: options.region, maxAttempts: 1, requestHandler: { requestTimeout: 5_000 } });
  return createIvsChannelStream({ client, channels, onError: options.onError });
}
