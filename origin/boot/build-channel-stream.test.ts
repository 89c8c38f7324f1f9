import { describe, expect, it } from 'vitest';
import { channelArn, fakeIvs } from '../test-support/fake-ivs.js';
import { buildChannelStream } from './build-channel-stream.js';

const options = { region: 'ap-northeast-2', viewers: async () => 7, onError: () => {} };

describe('buildChannelStream', () => {
  it('plays channels with an IVS ARN from IVS', async () => {
    const ivs = fakeIvs();
    const arn = channelArn('AbCdEf012345');
    ivs.addChannel(arn);
    ivs.goLive(arn, 42);
    const stream = buildChannelStream({ ...options, ivsClient: ivs.client, channels: [{ id: 'seongsu-live', title: 'Seongsu', private: false, ivsChannelArn: arn }] });
    try {
      expect(await stream.status('seongsu-live')).toMatchObject({ status: 'live', viewers: 42, playbackUrl: ivs.playbackUrl(arn) });
      expect(ivs.calls().map((call) => call.operation)).toEqual(expect.arrayContaining(['ListStreams', 'BatchGetChannel']));
    } finally {
      stream.close();
      ivs.restore();
    }
  });

  it('simulates channels without one, and refuses a mix naming the channel without an ARN', async () => {
    const stream = buildChannelStream({ ...options, channels: [{ id: 'local-live', title: 'Local', private: false }] });
    expect(await stream.status('local-live')).toMatchObject({ status: 'live', viewers: 7, playbackUrl: '/hls/local-live/master.m3u8' });
    stream.close();
    const ivs = fakeIvs();
    const mixed = [{ id: 'a', title: 'A', private: false, ivsChannelArn: channelArn('AbCdEf012345') }, { id: 'b', title: 'B', private: false }];
    expect(() => buildChannelStream({ ...options, ivsClient: ivs.client, channels: mixed })).toThrow(/: b$/);
    ivs.restore();
  });
});
