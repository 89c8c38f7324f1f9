import type { IvsClient } from '@aws-sdk/client-ivs';
import { systemClock, type Clock } from '../../core/index.js';
import type { ChannelConfig } from './channel-config.js';
import type { ChannelStream, LiveStatus } from './channel-stream.js';
import { createIvsMetadataSender } from './ivs-metadata-sender.js';
import { createIvsStreamPoller } from './ivs-stream-poller.js';
import { encodePinMetadata } from './pin-metadata.js';

export interface IvsChannelStreamOptions {
  /** Built by the entry with `maxAttempts: 1` (this adapter paces and retries) and a request timeout. */
  client: IvsClient;
  /** Every channel needs its `ivsChannelArn`. */
  channels: readonly ChannelConfig[];
  /** One ListStreams walk per period for all channels. @default 3000 */
  pollMs?: number;
  /** Longest the first readers wait for the first poll. @default 2000 */
  firstPollWaitMs?: number;
  /** Least time between two PutMetadata calls on a channel (the API allows 5/s per channel). @default 250 */
  metadataGapMs?: number;
  /** Retry waits after throttling or failures: doubling from baseMs up to maxMs. @default { baseMs: 250, maxMs: 30000 } */
  backoff?: { baseMs: number; maxMs: number };
  clock?: Clock;
  random?: () => number;
  /** Failures the adapter absorbed (a dropped pin set, a failed poll): for the log. */
  onError: (error: unknown, operation: string) => void;
}

/**
 * Channels on Amazon IVS. Status comes from a shared poll, never from a call per reader; pins go out
 * as timed metadata that players receive in the stream. Nothing here throws at a caller.
 */
export function createIvsChannelStream(options: IvsChannelStreamOptions): ChannelStream {
  const arnOf = channelArns(options.channels);
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 30_000 };
  const sender = createIvsMetadataSender({
    client: options.client,
    clock: options.clock ?? systemClock,
    minGapMs: options.metadataGapMs ?? 250,
    baseBackoffMs: backoff.baseMs,
    maxBackoffMs: backoff.maxMs,
    random: options.random ?? Math.random,
    isLive: (arn) => poller.isLive(arn),
    markOffline: (arn) => poller.markOffline(arn),
    onError: options.onError,
  });
  const poller = createIvsStreamPoller({
    client: options.client,
    arns: [...arnOf.values()],
    pollMs: options.pollMs ?? 3000,
    firstPollWaitMs: options.firstPollWaitMs ?? 2000,
    maxBackoffMs: backoff.maxMs,
    onLive: (arn) => sender.wentLive(arn),
    onError: options.onError,
  });

  return {
    async status(channelId): Promise<LiveStatus | undefined> {
      const arn = arnOf.get(channelId);
      if (!arn) return undefined;
      await poller.ready;
      const state = poller.read(arn);
      return { status: state.live ? 'live' : 'offline', viewers: state.viewers, playbackUrl: state.playbackUrl };
    },
    async announce(channelId, pins) {
      const arn = arnOf.get(channelId);
      if (!arn) return;
      const { metadata, carried } = encodePinMetadata(pins);
      if (carried < pins.length) options.onError(new Error(`${pins.length - carried} pins left out of the 1 KB metadata`), 'PutMetadata');
      sender.offer(arn, metadata);
    },
    close() {
      poller.close();
      sender.close();
    },
  };
}

function channelArns(channels: readonly ChannelConfig[]): Map<string, string> {
  const missing = channels.filter((channel) => !channel.ivsChannelArn).map((channel) => channel.id);
  if (missing.length > 0) throw new Error(`IVS channels need an ivsChannelArn: ${missing.join(', ')}`);
  return new Map(channels.map((channel) => [channel.id, channel.ivsChannelArn!]));
}
