import { describe, expect, it } from 'vitest';
import type { ChannelConfig } from './channel-config.js';
import { describeChannelStreamContract } from './channel-stream.contract.js';
import { createSimulatedChannelStream } from './simulated-channel-stream.js';

const channels: ChannelConfig[] = [
  { id: 'ch-seongsu', title: '성수 팝업 라이브', private: false },
  { id: 'ch-beauty', title: '뷰티 라이브', private: true },
];

describeChannelStreamContract('simulated', async () => {
  const counts = new Map<string, number>();
  return {
    stream: createSimulatedChannelStream({ channels, viewers: async (channelId) => counts.get(channelId) ?? null }),
    channels,
    setViewers: (channelId, viewers) => void counts.set(channelId, viewers),
  };
});

describe('simulated channel stream', () => {
  it('plays every channel from the origin HLS', async () => {
    const stream = createSimulatedChannelStream({ channels, viewers: async () => null });
    expect(await stream.status('ch-beauty')).toEqual({ status: 'live', viewers: null, playbackUrl: '/hls/ch-beauty/master.m3u8' });
  });

  it('asks the counter about the channel asked for, and says null when the counter fails', async () => {
    const asked: string[] = [];
    const errors: string[] = [];
    const stream = createSimulatedChannelStream({
      channels,
      viewers: async (channelId) => {
        asked.push(channelId);
        if (channelId === 'ch-beauty') throw new Error('counter unreachable');
        return 3;
      },
      onError: (_error, operation) => void errors.push(operation),
    });
    expect((await stream.status('ch-seongsu'))?.viewers).toBe(3);
    expect(await stream.status('ch-beauty')).toMatchObject({ status: 'live', viewers: null });
    expect(await stream.status('ch-snack')).toBeUndefined();
    expect(asked).toEqual(['ch-seongsu', 'ch-beauty']);
    expect(errors).toEqual(['viewers']);
  });
});
