import {
  AccessDeniedException,
  BatchGetChannelCommand,
  ChannelNotBroadcasting,
  GetChannelCommand,
  IvsClient,
  ListStreamsCommand,
  PutMetadataCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
  type StreamSummary,
} from '@aws-sdk/client-ivs';
import { mockClient } from 'aws-sdk-client-mock';

const $metadata = {};
type Operation = 'BatchGetChannel' | 'GetChannel' | 'ListStreams' | 'PutMetadata';
export interface IvsCall {
  operation: Operation;
  at: number;
  input: Record<string, unknown>;
}

export const channelArn = (name: string) => `arn:aws:ivs:ap-northeast-2:111111111111:channel/${name}`;

/**
 * Amazon IVS faked with aws-sdk-client-mock on a real IvsClient, with the behaviour the channel
 * stream relies on, per the API reference: BatchGetChannel answers per ARN; ListStreams pages
 * (default 100) over the live streams of the whole account; PutMetadata takes 1–1024 bytes, says
 * ChannelNotBroadcasting when the channel is not live and ThrottlingException past 5 calls in a
 * second on one channel.
 */
export function fakeIvs() {
  const client = new IvsClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
  const mock = mockClient(client);
  const channels = new Map<string, string>();
  const streams = new Map<string, StreamSummary>();
  const calls: IvsCall[] = [];
  const failures: Partial<Record<Operation, unknown[]>> = {};
  const accepted: { arn: string; metadata: string; at: number }[] = [];
  let throttled = 0;

  const stalls: Partial<Record<Operation, Promise<void>[]>> = {};
  const record = async (operation: Operation, input: object) => {
    calls.push({ operation, at: Date.now(), input: { ...input } });
    await stalls[operation]?.shift();
    const failure = failures[operation]?.shift();
    if (failure !== undefined) throw failure;
  };

  mock.on(BatchGetChannelCommand).callsFake(async (input: { arns?: string[] }) => {
    await record('BatchGetChannel', input);
    const arns = input.arns ?? [];
    if (arns.length < 1 || arns.length > 50) throw new ValidationException({ message: 'arns: 1 to 50 items', $metadata });
    return {
      channels: arns.filter((arn) => channels.has(arn)).map((arn) => ({ arn, playbackUrl: channels.get(arn), latencyMode: 'LOW' as const })),
      errors: arns.filter((arn) => !channels.has(arn)).map((arn) => ({ arn, code: 'ResourceNotFoundException', message: 'channel not found' })),
      $metadata,
    };
  });
  mock.on(GetChannelCommand).callsFake(async (input: { arn?: string }) => {
    await record('GetChannel', input);
    if (!channels.has(input.arn!)) throw new ResourceNotFoundException({ message: 'channel not found', $metadata });
    return { channel: { arn: input.arn, playbackUrl: channels.get(input.arn!) }, $metadata };
  });
  mock.on(ListStreamsCommand).callsFake(async (input: { nextToken?: string; maxResults?: number }) => {
    await record('ListStreams', input);
    const start = Number(input.nextToken ?? 0);
    const size = input.maxResults ?? 100;
    const all = [...streams.values()];
    const next = start + size < all.length ? String(start + size) : undefined;
    return { streams: all.slice(start, start + size).map((stream) => ({ ...stream })), ...(next && { nextToken: next }), $metadata };
  });
  mock.on(PutMetadataCommand).callsFake(async (input: { channelArn?: string; metadata?: string }) => {
    await record('PutMetadata', input);
    const arn = input.channelArn!;
    const bytes = Buffer.byteLength(input.metadata ?? '', 'utf8');
    if (bytes < 1 || bytes > 1024) throw new ValidationException({ message: 'metadata: 1 to 1024 bytes', $metadata });
    if (!channels.has(arn)) throw new ResourceNotFoundException({ message: 'channel not found', $metadata });
    const now = Date.now();
    // The quota counts requests, this one included, whatever their outcome.
    if (calls.filter((call) => call.operation === 'PutMetadata' && call.input.channelArn === arn && now - call.at < 1000).length > 5) {
      throttled += 1;
      throw new ThrottlingException({ message: 'PutMetadata: 5 per second per channel', $metadata });
    }
    if (!streams.has(arn)) throw new ChannelNotBroadcasting({ message: 'channel is not broadcasting', $metadata });
    accepted.push({ arn, metadata: input.metadata!, at: now });
    return { $metadata };
  });

  return {
    client,
    addChannel(arn: string) {
      channels.set(arn, `https://a1b2c3d4.ap-northeast-2.playback.live-video.net/api/video/v1/${arn.split('/').pop()}.m3u8`);
    },
    removeChannel: (arn: string) => void channels.delete(arn),
    goLive(arn: string, viewerCount = 0) {
      streams.set(arn, { channelArn: arn, streamId: `st-${streams.size}`, state: 'LIVE', health: 'HEALTHY', viewerCount, startTime: new Date() });
    },
    goOffline: (arn: string) => void streams.delete(arn),
    setViewers(arn: string, viewerCount: number) {
      const stream = streams.get(arn);
      if (stream) stream.viewerCount = viewerCount;
    },
    /** The next calls of an operation fail with these errors, in order. */
    failNext(operation: Operation, ...errors: unknown[]) {
      (failures[operation] ??= []).push(...errors);
    },
    /** The next call of an operation hangs until the returned function is called. */
    stallNext(operation: Operation): () => void {
      let release = () => {};
      (stalls[operation] ??= []).push(new Promise<void>((resolve) => (release = resolve)));
      return release;
    },
    calls: (operation?: Operation) => calls.filter((call) => !operation || call.operation === operation),
    /** The metadata IVS accepted for a channel, in order. */
    accepted: (arn: string) => accepted.filter((put) => put.arn === arn),
    throttledCount: () => throttled,
    playbackUrl: (arn: string) => channels.get(arn),
    errors: {
      throttled: () => new ThrottlingException({ message: 'Rate exceeded', $metadata }),
      denied: () => new AccessDeniedException({ message: 'not authorized to perform ivs:PutMetadata', $metadata }),
      notBroadcasting: () => new ChannelNotBroadcasting({ message: 'channel is not broadcasting', $metadata }),
    },
    restore: () => mock.restore(),
  };
}

export type FakeIvs = ReturnType<typeof fakeIvs>;
