import { describe, expect, it } from 'vitest';
import { channelArn, fakeIvs } from '../test-support/fake-ivs.js';
import type { ChannelConfig } from './channel-config.js';
import { describeChannelStreamContract } from './channel-stream.contract.js';
import { createIvsChannelStream } from './ivs-channel-stream.js';

const channels: ChannelConfig[] = [
  { id: 'ch-seongsu', title: '성수 팝업 라이브', private: false, ivsChannelArn: channelArn('AbCdEf012345') },
  { id: 'ch-beauty', title: '뷰티 라이브', private: true, ivsChannelArn: channelArn('GhIjKl678901') },
];

// The real IvsClient is in the code path; only its send is answered by the fake IVS.
describeChannelStreamContract('IVS', async () => {
  const ivs = fakeIvs();
  for (const channel of channels) {
    ivs.addChannel(channel.ivsChannelArn!);
    ivs.goLive(channel.ivsChannelArn!);
  }
  const arnOf = new Map(channels.map((channel) => [channel.id, channel.ivsChannelArn!]));
  return {
    stream: createIvsChannelStream({ client: ivs.client, channels, pollMs: 50, onError: () => {} }),
    channels,
    setViewers: (channelId, viewers) => ivs.setViewers(arnOf.get(channelId)!, viewers),
    dispose: () => ivs.restore(),
  };
});

describe('IVS channel stream configuration', () => {
  it('refuses a channel without an ARN, naming it', () => {
    const ivs = fakeIvs();
    const incomplete = [...channels, { id: 'ch-snack', title: '간식', private: false }];
    expect(() => createIvsChannelStream({ client: ivs.client, channels: incomplete, onError: () => {} })).toThrow(/ch-snack/);
    expect(ivs.calls()).toEqual([]);
  });

  it('takes the playback URL from the channel IVS describes', async () => {
    const ivs = fakeIvs();
    ivs.addChannel(channels[0]!.ivsChannelArn!);
    ivs.goLive(channels[0]!.ivsChannelArn!, 12);
    const stream = createIvsChannelStream({ client: ivs.client, channels: [channels[0]!], onError: () => {} });
    expect(await stream.status('ch-seongsu')).toEqual({ status: 'live', viewers: 12, playbackUrl: ivs.playbackUrl(channels[0]!.ivsChannelArn!) });
    stream.close();
  });
});
