import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelArn, fakeIvs, type FakeIvs } from '../test-support/fake-ivs.js';
import type { ChannelConfig } from './channel-config.js';
import type { ChannelStream } from './channel-stream.js';
import { createIvsChannelStream, type IvsChannelStreamOptions } from './ivs-channel-stream.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const maxInOneSecond = (times: number[]) => Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));

let ivs: FakeIvs;
let stream: ChannelStream | undefined;
let errors: string[];

/** Starts a stream on `count` channels; `prepare` runs before it (its first poll starts at once). */
function open(count: number, options: Partial<IvsChannelStreamOptions> = {}, prepare: (arns: string[]) => void = () => {}): ChannelConfig[] {
  ivs = fakeIvs();
  errors = [];
  const channels = Array.from({ length: count }, (_, i) => ({ id: `ch-${i}`, title: `채널 ${i}`, private: false, ivsChannelArn: channelArn(`Chan${i}`) }));
  for (const channel of channels) ivs.addChannel(channel.ivsChannelArn);
  prepare(channels.map((channel) => channel.ivsChannelArn));
  stream = createIvsChannelStream({ client: ivs.client, channels, onError: (_error, operation) => void errors.push(operation), ...options });
  return channels;
}
const liveForeignStreams = (count: number) => {
  for (let i = 0; i < count; i += 1) {
    ivs.addChannel(channelArn(`Other${i}`));
    ivs.goLive(channelArn(`Other${i}`), 5);
  }
};

afterEach(() => {
  stream?.close();
  stream = undefined;
  ivs.restore();
  vi.useRealTimers();
});

describe('IVS status: one shared ListStreams poller', () => {
  it('answers 1,000 concurrent readers with one ListStreams, and keeps polling at its own pace', async () => {
    const [channel] = open(1, { pollMs: 300 });
    ivs.goLive(channel!.ivsChannelArn!, 9);
    const answers = await Promise.all(Array.from({ length: 1000 }, () => stream!.status('ch-0')));
    expect(new Set(answers.map((answer) => answer?.viewers))).toEqual(new Set([9]));
    await Promise.all(Array.from({ length: 1000 }, () => stream!.status('ch-0')));
    expect(ivs.calls('ListStreams')).toHaveLength(1);
    expect(ivs.calls('BatchGetChannel')).toHaveLength(1);
    let reads = 2000;
    const until = Date.now() + 700;
    while (Date.now() < until) {
      await Promise.all(Array.from({ length: 20 }, () => stream!.status('ch-0')));
      reads += 20;
      await sleep(2);
    }
    expect(reads).toBeGreaterThan(4000);
    expect(ivs.calls('ListStreams').length).toBeGreaterThanOrEqual(2);
    expect(ivs.calls('ListStreams').length).toBeLessThanOrEqual(4);
    expect(ivs.calls('BatchGetChannel')).toHaveLength(1);
    expect(ivs.calls('GetChannel')).toHaveLength(0);
  });

  it('stays under one request per second with 20 channels, over a minute of readers', async () => {
    vi.useFakeTimers();
    const channels = open(20);
    for (const channel of channels) ivs.goLive(channel.ivsChannelArn!, 100);
    liveForeignStreams(30);
    const start = Date.now();
    let reads = 0;
    const readers = setInterval(() => void stream!.status(`ch-${(reads += 1) % 20}`), 50);
    await vi.advanceTimersByTimeAsync(60_000);
    clearInterval(readers);
    const requests = ivs.calls().filter((call) => call.at - start < 60_000);
    expect(reads).toBe(1200);
    expect(requests.length / 60).toBeLessThan(1);
    expect(requests.filter((call) => call.operation === 'ListStreams')).toHaveLength(20);
    expect(requests.filter((call) => call.operation === 'BatchGetChannel')).toHaveLength(1);
    expect(requests.filter((call) => call.operation === 'GetChannel')).toHaveLength(0);
    expect(maxInOneSecond(requests.map((call) => call.at))).toBeLessThanOrEqual(2);
    expect(ivs.calls('BatchGetChannel')[0]!.input.arns).toEqual(channels.map((channel) => channel.ivsChannelArn));
  });

  it('walks every ListStreams page of the account, and stops once all its channels are found', async () => {
    const [channel] = open(1, { pollMs: 60_000 });
    liveForeignStreams(250);
    ivs.goLive(channel!.ivsChannelArn!, 3);
    expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', viewers: 3 });
    expect(ivs.calls('ListStreams').map((call) => [call.input.nextToken, call.input.maxResults])).toEqual([
      [undefined, 100],
      ['100', 100],
      ['200', 100],
    ]);

    stream!.close();
    open(1, { pollMs: 60_000 });
    ivs.goLive(channel!.ivsChannelArn!, 3);
    liveForeignStreams(250);
    expect((await stream!.status('ch-0'))?.status).toBe('live');
    expect(ivs.calls('ListStreams')).toHaveLength(1);
  });

  it('follows a channel offline and back, keeping the last viewer figure when IVS says -1', async () => {
    const [channel] = open(1, { pollMs: 40 });
    const arn = channel!.ivsChannelArn!;
    ivs.goLive(arn, 30);
    expect((await stream!.status('ch-0'))?.viewers).toBe(30);
    ivs.setViewers(arn, -1);
    const polls = ivs.calls('ListStreams').length;
    await vi.waitFor(() => expect(ivs.calls('ListStreams').length).toBeGreaterThan(polls + 1));
    expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', viewers: 30 });
    ivs.goOffline(arn);
    await vi.waitFor(async () => expect(await stream!.status('ch-0')).toEqual({ status: 'offline', viewers: null, playbackUrl: ivs.playbackUrl(arn) }));
    ivs.goLive(arn, 2);
    await vi.waitFor(async () => expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', viewers: 2 }));
    expect(errors).toEqual([]);
  });

  it('keeps the last known status while ListStreams is throttled, backing off, then catches up', async () => {
    const [channel] = open(1, { pollMs: 50 });
    const arn = channel!.ivsChannelArn!;
    ivs.goLive(arn, 4);
    expect((await stream!.status('ch-0'))?.status).toBe('live');
    ivs.failNext('ListStreams', ivs.errors.throttled(), ivs.errors.throttled(), ivs.errors.throttled());
    ivs.goOffline(arn);
    await vi.waitFor(() => expect(ivs.calls('ListStreams').length).toBeGreaterThanOrEqual(4), { timeout: 2000 });
    expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', viewers: 4 });
    await vi.waitFor(async () => expect((await stream!.status('ch-0'))?.status).toBe('offline'), { timeout: 2000 });
    const at = ivs.calls('ListStreams').map((call) => call.at);
    // Failures at calls 2, 3, 4: the waits after them double from the 50 ms period.
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(95);
    expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(195);
    expect(at[4]! - at[3]!).toBeGreaterThanOrEqual(395);
    expect(errors).toEqual(['ListStreams', 'ListStreams', 'ListStreams']);
  });

  it('answers offline while IVS has never answered, then live', async () => {
    const [channel] = open(1, { pollMs: 50 }, ([arn]) => {
      ivs.goLive(arn!, 1);
      ivs.failNext('ListStreams', ivs.errors.throttled());
      ivs.failNext('BatchGetChannel', ivs.errors.throttled());
    });
    expect(await stream!.status('ch-0')).toEqual({ status: 'offline', viewers: null, playbackUrl: null });
    await vi.waitFor(async () => expect(await stream!.status('ch-0')).toEqual({ status: 'live', viewers: 1, playbackUrl: ivs.playbackUrl(channel!.ivsChannelArn!) }));
  });

  it('answers within firstPollWaitMs when IVS hangs on the first poll, and catches up once it answers', async () => {
    let release = () => {};
    const [channel] = open(1, { pollMs: 50, firstPollWaitMs: 150 }, ([arn]) => {
      ivs.goLive(arn!, 6);
      release = ivs.stallNext('ListStreams');
    });
    const asked = Date.now();
    expect(await stream!.status('ch-0')).toEqual({ status: 'offline', viewers: null, playbackUrl: ivs.playbackUrl(channel!.ivsChannelArn!) });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(140);
    expect(Date.now() - asked).toBeLessThan(1000);
    release();
    await vi.waitFor(async () => expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', viewers: 6 }));
  });

  it('describes each channel once, asking again only for the ones IVS did not describe', async () => {
    const channels = open(3, { pollMs: 40 }, ([a, , c]) => {
      ivs.goLive(a!);
      ivs.removeChannel(c!);
      ivs.failNext('BatchGetChannel', ivs.errors.throttled());
    });
    const [a, b, c] = channels.map((channel) => channel.ivsChannelArn!);
    expect(await stream!.status('ch-0')).toMatchObject({ status: 'live', playbackUrl: null });
    await vi.waitFor(async () => expect((await stream!.status('ch-0'))?.playbackUrl).toBe(ivs.playbackUrl(a!)));
    const polls = ivs.calls('ListStreams').length;
    await vi.waitFor(() => expect(ivs.calls('ListStreams').length).toBeGreaterThan(polls + 2));
    const asked = ivs.calls('BatchGetChannel').map((call) => call.input.arns);
    expect(asked.slice(0, 3)).toEqual([[a, b, c], [a, b, c], [c]]);
    expect(asked.slice(2).every((arns) => JSON.stringify(arns) === JSON.stringify([c]))).toBe(true);
    expect((await stream!.status('ch-1'))?.playbackUrl).toBe(ivs.playbackUrl(b!));
    expect(errors.slice(0, 2)).toEqual(['BatchGetChannel', `BatchGetChannel ${c}`]);
  });
});
