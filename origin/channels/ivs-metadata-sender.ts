import { ChannelNotBroadcasting, PutMetadataCommand, ThrottlingException, type IvsClient } from '@aws-sdk/client-ivs';
import type { Clock } from '../../core/index.js';

export interface IvsMetadataSenderOptions {
  client: IvsClient;
  clock: Clock;
  /** Least time between two PutMetadata calls on one channel (the API allows 5 per second per channel). */
  minGapMs: number;
  /** First wait after a throttled or failed call; doubles per retry up to maxBackoffMs, with jitter. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  random: () => number;
  isLive: (arn: string) => boolean;
  /** IVS answered ChannelNotBroadcasting: the channel is offline whatever the last poll said. */
  markOffline: (arn: string) => void;
  onError: (error: unknown, operation: string) => void;
}

interface Lane {
  /** The latest metadata not yet accepted by IVS; older unsent ones are dropped (only the latest set matters). */
  pending?: string;
  /** The latest metadata announced, sent again when the channel goes live. */
  current?: string;
  lastSentAt: number;
  retryAt: number;
  attempt: number;
  sending: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

// A client fault (AccessDenied, ResourceNotFound, Validation) will not heal by retrying; throttling,
// server faults and network failures do (https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_PutMetadata.html).
const isRetryable = (error: unknown) =>
  error instanceof ThrottlingException || typeof error !== 'object' || error === null || (error as { $fault?: string }).$fault !== 'client';

/**
 * Carries each channel's latest pin set to IVS with PutMetadata: one call in flight per channel,
 * calls at least minGapMs apart, only while the channel is live, retried with backoff when throttled.
 */
export function createIvsMetadataSender(options: IvsMetadataSenderOptions) {
  const lanes = new Map<string, Lane>();
  let closed = false;
  const laneOf = (arn: string): Lane => lanes.get(arn) ?? lanes.set(arn, { lastSentAt: -Infinity, retryAt: 0, attempt: 0, sending: false }).get(arn)!;

  function kick(arn: string): void {
    const lane = laneOf(arn);
    if (closed || lane.timer || lane.sending || lane.pending === undefined || !options.isLive(arn)) return;
    const now = options.clock.now();
    const wait = Math.max(0, lane.lastSentAt + options.minGapMs - now, lane.retryAt - now);
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      void send(arn, lane);
    }, wait);
  }

  async function send(arn: string, lane: Lane): Promise<void> {
    const metadata = lane.pending;
    if (closed || metadata === undefined || !options.isLive(arn)) return;
    lane.pending = undefined;
    lane.sending = true;
    lane.lastSentAt = options.clock.now();
    try {
      await options.client.send(new PutMetadataCommand({ channelArn: arn, metadata }));
      lane.attempt = 0;
    } catch (error) {
      failed(arn, lane, metadata, error);
    } finally {
      lane.sending = false;
      kick(arn);
    }
  }

  function failed(arn: string, lane: Lane, metadata: string, error: unknown): void {
    if (error instanceof ChannelNotBroadcasting) {
      lane.pending ??= metadata;
      options.markOffline(arn);
    } else if (isRetryable(error)) {
      lane.pending ??= metadata;
      lane.attempt += 1;
      const nominal = Math.min(options.baseBackoffMs * 2 ** (lane.attempt - 1), options.maxBackoffMs);
      lane.retryAt = options.clock.now() + nominal * (0.5 + options.random() / 2);
    } else {
      options.onError(error, 'PutMetadata');
    }
  }

  return {
    /** Queues a channel's latest metadata; resolves at once, IVS hears it when allowed. */
    offer(arn: string, metadata: string): void {
      const lane = laneOf(arn);
      lane.current = metadata;
      lane.pending = metadata;
      kick(arn);
    },
    /** The poller saw the channel go live: send what it holds, or the current set again for the new stream. */
    wentLive(arn: string): void {
      const lane = lanes.get(arn);
      if (!lane || lane.current === undefined) return;
      lane.pending ??= lane.current;
      kick(arn);
    },
    close(): void {
      closed = true;
      for (const lane of lanes.values()) clearTimeout(lane.timer);
    },
  };
}
