import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelArn, fakeIvs, type FakeIvs } from '../test-support/fake-ivs.js';
import type { ChannelStream, Pin } from './channel-stream.js';
import { createIvsChannelStream, type IvsChannelStreamOptions } from './ivs-channel-stream.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const maxInOneSecond = (times: number[]) => Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
const pin = (eventId: string, itemId: string): Pin => ({ eventId, itemId, pinnedAt: '2026-12-05T01:00:00.000Z' });
const A = channelArn('SeongsuLive01');
const B = channelArn('BeautyLive02');

let ivs: FakeIvs;
let stream: ChannelStream;
let errors: string[];

/** Two channels, live unless `offline` says otherwise; the first poll has answered when this resolves. */
async function open(options: Partial<IvsChannelStreamOptions> = {}, offline: string[] = []) {
  ivs = fakeIvs();
  errors = [];
  for (const arn of [A, B]) {
    ivs.addChannel(arn);
    if (!offline.includes(arn)) ivs.goLive(arn);
  }
  const channels = [
    { id: 'ch-a', title: '성수', private: false, ivsChannelArn: A },
    { id: 'ch-b', title: '뷰티', private: false, ivsChannelArn: B },
  ];
  stream = createIvsChannelStream({ client: ivs.client, channels, pollMs: 50, onError: (_error, operation) => void errors.push(operation), ...options });
  await stream.status('ch-a');
}
const puts = (arn: string) => ivs.calls('PutMetadata').filter((call) => call.input.channelArn === arn);
const sent = (arn: string) => ivs.accepted(arn).map((put) => JSON.parse(put.metadata));

afterEach(() => {
  stream.close();
  ivs.restore();
});

describe('IVS pins: PutMetadata', () => {
  it('sends exactly the pins, as ids, and resolves before the call is made', async () => {
    await open();
    await stream.announce('ch-a', [pin('evt-1', 'item-a'), pin('evt-2', 'item-b')]);
    expect(puts(A)).toHaveLength(0);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1));
    expect(puts(A)[0]!.input).toEqual({ channelArn: A, metadata: '{"t":"pins","p":[["evt-1","item-a"],["evt-2","item-b"]]}' });
    await stream.announce('ch-a', []);
    await vi.waitFor(() => expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-a'], ['evt-2', 'item-b']] }, { t: 'pins', p: [] }]));
    expect(puts(B)).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  it('keeps every payload within 1 KB of ASCII ids, leaving out the pins that do not fit', async () => {
    await open();
    const long = (prefix: string, i: number) => `${prefix}${i}`.padEnd(64, 'x');
    const labelled = [0, 1, 2].map((i) => ({ ...pin(long('evt', i), long('item', i)), title: '한정판 립스틱 세트', price: 39_000 }) as Pin);
    await stream.announce('ch-a', labelled);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1));
    const [first] = ivs.accepted(A);
    expect(first!.metadata).toMatch(/^[\x20-\x7e]+$/);
    expect(Buffer.byteLength(first!.metadata, 'utf8')).toBeLessThanOrEqual(1024);
    expect(JSON.parse(first!.metadata)).toEqual({ t: 'pins', p: labelled.map((p) => [p.eventId, p.itemId]) });
    expect(errors).toEqual([]);

    const many = Array.from({ length: 30 }, (_, i) => pin(long('evt', i), long('item', i)));
    await stream.announce('ch-a', many);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(2));
    const carried = JSON.parse(ivs.accepted(A)[1]!.metadata).p;
    expect(Buffer.byteLength(ivs.accepted(A)[1]!.metadata, 'utf8')).toBeLessThanOrEqual(1024);
    expect(carried.length).toBeGreaterThan(3);
    expect(carried).toEqual(many.slice(0, carried.length).map((p) => [p.eventId, p.itemId]));
    expect(errors).toEqual(['PutMetadata']);
  });

  it('sends only the latest of 50 announces made at once', async () => {
    await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => stream.announce('ch-a', [pin('evt-1', `item-${i}`)])));
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1));
    await sleep(400);
    expect(puts(A)).toHaveLength(1);
    expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-49']] }]);
  });

  it('stays within 5 calls a second per channel under a burst of 50 announces on two channels, the latest last', async () => {
    await open();
    for (let i = 0; i < 50; i += 1) {
      await stream.announce('ch-a', [pin('evt-1', `item-${i}`)]);
      await stream.announce('ch-b', [pin('evt-2', `item-${i}`)]);
      await sleep(30);
    }
    for (const [arn, event] of [[A, 'evt-1'], [B, 'evt-2']] as const) {
      await vi.waitFor(() => expect(sent(arn).at(-1)).toEqual({ t: 'pins', p: [[event, 'item-49']] }));
      await sleep(300);
      const items = sent(arn).map((metadata) => Number(metadata.p[0][1].slice(5)));
      expect(items).toEqual([...items].sort((x, y) => x - y));
      expect(puts(arn).length).toBeLessThan(15);
      expect(maxInOneSecond(puts(arn).map((call) => call.at))).toBeLessThanOrEqual(5);
    }
    expect(ivs.throttledCount()).toBe(0);
  });

  it('holds a pin set announced while offline and sends only the latest once the channel goes live', async () => {
    await open({}, [A]);
    expect((await stream.status('ch-a'))?.status).toBe('offline');
    await stream.announce('ch-a', [pin('evt-1', 'item-a')]);
    await stream.announce('ch-a', [pin('evt-1', 'item-b')]);
    await sleep(300);
    expect(puts(A)).toHaveLength(0);
    ivs.goLive(A);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1));
    await sleep(300);
    expect(puts(A)).toHaveLength(1);
    expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-b']] }]);
  });

  it('takes ChannelNotBroadcasting as offline, without an error, and sends once the stream is back', async () => {
    await open({ pollMs: 1000 });
    ivs.goOffline(A);
    await stream.announce('ch-a', [pin('evt-1', 'item-a')]);
    await vi.waitFor(() => expect(puts(A)).toHaveLength(1));
    await vi.waitFor(async () => expect(await stream.status('ch-a')).toMatchObject({ status: 'offline', viewers: null }));
    ivs.goLive(A);
    await vi.waitFor(() => expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-a']] }]), { timeout: 3000 });
    expect(puts(A)).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('retries a throttled call with growing waits, carrying the latest set, never rejecting', async () => {
    await open({ random: () => 1, backoff: { baseMs: 200, maxMs: 5000 } });
    ivs.failNext('PutMetadata', ivs.errors.throttled(), ivs.errors.throttled());
    await expect(stream.announce('ch-a', [pin('evt-1', 'item-a')])).resolves.toBeUndefined();
    await vi.waitFor(() => expect(puts(A)).toHaveLength(2));
    await stream.announce('ch-a', [pin('evt-1', 'item-b')]);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1), { timeout: 3000 });
    const at = puts(A).map((call) => call.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(195);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(395);
    expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-b']] }]);
    expect(errors).toEqual([]);
  });

  it('reports and drops a set IVS refuses for good, and still sends the next one', async () => {
    await open();
    ivs.failNext('PutMetadata', ivs.errors.denied());
    await stream.announce('ch-a', [pin('evt-1', 'item-a')]);
    await vi.waitFor(() => expect(errors).toEqual(['PutMetadata']));
    await sleep(400);
    expect(puts(A)).toHaveLength(1);
    await stream.announce('ch-a', [pin('evt-1', 'item-b')]);
    await vi.waitFor(() => expect(sent(A)).toEqual([{ t: 'pins', p: [['evt-1', 'item-b']] }]));
  });

  it('sends the current set again to a stream that restarts, and nothing after close', async () => {
    await open();
    await stream.announce('ch-a', [pin('evt-1', 'item-a')]);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(1));
    ivs.goOffline(A);
    await vi.waitFor(async () => expect((await stream.status('ch-a'))?.status).toBe('offline'));
    ivs.goLive(A);
    await vi.waitFor(() => expect(ivs.accepted(A)).toHaveLength(2));
    expect(ivs.accepted(A)[1]!.metadata).toBe(ivs.accepted(A)[0]!.metadata);

    ivs.goOffline(A);
    await vi.waitFor(async () => expect((await stream.status('ch-a'))?.status).toBe('offline'));
    await stream.announce('ch-a', [pin('evt-1', 'item-c')]);
    stream.close();
    const calls = ivs.calls().length;
    ivs.goLive(A);
    await sleep(300);
    expect(ivs.calls()).toHaveLength(calls);
  });
});
